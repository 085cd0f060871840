package org.teeka;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The English and Hindi bundles read on their own, not through the application, so that a test
 * expecting a text fails on a missing or garbled translation.
 */
public final class Bundles {

    private static final Map<String, Properties> BUNDLES = Map.of(
            "en", load("messages.properties"),
            "hi", load("messages_hi.properties"));

    private Bundles() {
    }

    /** The text of a key in a language, formatted as Spring does: through MessageFormat only when there are arguments. */
    public static String msg(String lang, String key, Object... arguments) {
        String pattern = BUNDLES.get(lang).getProperty(key);
        assertThat(pattern).as("message %s in %s", key, lang).isNotNull();
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, Locale.forLanguageTag(lang)).format(arguments);
    }

    private static Properties load(String resource) {
        var properties = new Properties();
        try (var in = Bundles.class.getClassLoader().getResourceAsStream(resource)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
