package org.teeka.notification;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The DLT template id of every SMS template in every language. Built at start-up, it refuses to
 * start when a {@code sms.*} key of the message bundles has no registered template id, because
 * operators would silently drop every such message.
 */
@Component
class DltTemplates {

    static final List<String> LANGUAGES = List.of("en", "hi");

    private final String entityId;
    private final int entityIdTag;
    private final int templateIdTag;
    private final Map<String, Map<String, String>> templates;

    @Autowired
    DltTemplates(DltSettings settings, @Value("${spring.messages.basename:messages}") String basenames) {
        this(settings, smsKeys(basenames));
    }

    DltTemplates(DltSettings settings, Set<String> smsKeys) {
        if (settings.entityId() == null || settings.entityId().isBlank()) {
            throw new IllegalStateException("teeka.sms.dlt.entity-id is missing: operators reject SMS without the DLT principal entity id");
        }
        Set<String> missing = new TreeSet<>();
        for (String key : smsKeys) {
            Map<String, String> ids = settings.templates().getOrDefault(key, Map.of());
            for (String language : LANGUAGES) {
                String id = ids.get(language);
                if (id == null || id.isBlank()) {
                    missing.add(key + " (" + language + ")");
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("SMS templates without a DLT template id in teeka.sms.dlt.templates: "
                    + String.join(", ", missing) + ". Register them on the DLT platform and add their ids.");
        }
        this.entityId = settings.entityId();
        this.entityIdTag = settings.entityIdTag();
        this.templateIdTag = settings.templateIdTag();
        this.templates = settings.templates();
    }

    String entityId() {
        return entityId;
    }

    int entityIdTag() {
        return entityIdTag;
    }

    int templateIdTag() {
        return templateIdTag;
    }

    /** The registered template id of a template in a language. */
    String templateId(String template, String language) {
        String id = templates.getOrDefault(template, Map.of()).get(language);
        if (id == null) {
            throw new IllegalArgumentException("template " + template + " in " + language + " has no DLT template id");
        }
        return id;
    }

    /** The {@code sms.*} keys of the bundles named by {@code spring.messages.basename}, in English and Hindi. */
    static Set<String> smsKeys(String basenames) {
        Set<String> keys = new TreeSet<>();
        for (String basename : basenames.split(",")) {
            String path = basename.trim().replace('.', '/');
            for (String suffix : List.of("", "_hi")) {
                var resource = new ClassPathResource(path + suffix + ".properties");
                if (!resource.exists()) {
                    continue;
                }
                var properties = new Properties();
                try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
                    properties.load(reader);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                properties.stringPropertyNames().stream().filter(k -> k.startsWith("sms.")).forEach(keys::add);
            }
        }
        return keys;
    }
}
