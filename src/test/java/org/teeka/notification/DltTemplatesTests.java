package org.teeka.notification;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DltTemplatesTests {

    @Test
    void findsEverySmsTemplateOfTheBundles() {
        assertThat(DltTemplates.smsKeys("messages")).contains("sms.otp", "sms.registered", "sms.appointment-booked",
                "sms.appointment-rescheduled", "sms.appointment-cancelled", "sms.waitlist-booked")
                .allMatch(key -> key.startsWith("sms."));
    }

    @Test
    void refusesToStartWhenATemplateHasNoDltIdInALanguage() {
        var settings = new DltSettings("1101", 0, 0, Map.of(
                "sms.otp", Map.of("en", "1107-1", "hi", "1107-2"),
                "sms.registered", Map.of("en", "1107-3")));

        assertThatIllegalStateException()
                .isThrownBy(() -> new DltTemplates(settings, Set.of("sms.otp", "sms.registered", "sms.waitlist-booked")))
                .withMessageContaining("sms.registered (hi)")
                .withMessageContaining("sms.waitlist-booked (en)")
                .withMessageNotContaining("sms.otp");
    }

    @Test
    void refusesToStartWithoutAnEntityId() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new DltTemplates(new DltSettings(" ", 0, 0, Map.of()), Set.of()))
                .withMessageContaining("entity-id");
    }

    @Test
    void namesTheTemplateIdOfATemplateInItsLanguage() {
        var templates = new DltTemplates(new DltSettings("1101", 0, 0,
                Map.of("sms.otp", Map.of("en", "1107-1", "hi", "1107-2"))), Set.of("sms.otp"));

        assertThat(templates.templateId("sms.otp", "hi")).isEqualTo("1107-2");
        assertThat(templates.entityIdTag()).isEqualTo(0x1400);
        assertThat(templates.templateIdTag()).isEqualTo(0x1401);
    }
}
