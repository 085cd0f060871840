package org.teeka.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * India's DLT registration: operators reject a commercial SMS whose sender (principal entity)
 * and template are not registered, so each submit_sm names both in vendor-specific TLVs.
 *
 * @param entityId the principal entity id of the health department
 * @param entityIdTag TLV tag for the entity id (0x1400 with most Indian operators)
 * @param templateIdTag TLV tag for the template id (0x1401 with most Indian operators)
 * @param templates per message key ({@code sms.otp}, ...) and language ({@code en}, {@code hi}), the registered template id
 */
@ConfigurationProperties("teeka.sms.dlt")
record DltSettings(String entityId, int entityIdTag, int templateIdTag, Map<String, Map<String, String>> templates) {

    DltSettings {
        entityIdTag = entityIdTag == 0 ? 0x1400 : entityIdTag;
        templateIdTag = templateIdTag == 0 ? 0x1401 : templateIdTag;
        templates = templates == null ? Map.of() : Map.copyOf(templates);
    }
}
