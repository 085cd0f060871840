package org.teeka.platform;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.teeka.account.Role;
import org.teeka.beneficiary.BeneficiaryCategory;
import org.teeka.beneficiary.Gender;
import org.teeka.beneficiary.ListImport;
import org.teeka.beneficiary.ReportLine;
import org.teeka.beneficiary.PhotoIdType;
import org.teeka.center.ColdChainPoint;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every user-visible text comes from the English and Hindi bundles, and both hold every key. */
class MessageBundlesTests {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Path JAVA = Path.of("src/main/java");
    private static final Set<String> TEXT_ATTRIBUTES = Set.of("th:text", "th:utext", "th:errors", "th:replace", "th:insert");
    private static final Set<String> PLAIN_TEXT_ATTRIBUTES = Set.of("placeholder", "title", "alt", "aria-label");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");
    private static final Pattern TEMPLATE_KEY = Pattern.compile("#\\{([a-zA-Z0-9.\\-]+)[}(]");
    private static final Pattern JAVA_KEY = Pattern.compile("\"([a-z-]+\\.(?:error|notice)\\.[a-z.-]+)\"");

    private final Properties english = load("messages.properties");
    private final Properties hindi = load("messages_hi.properties");

    @Test
    void englishAndHindiHoldTheSameKeys() {
        assertThat(hindi.stringPropertyNames()).as("keys in Hindi").containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
    }

    @Test
    void noBundleEntryIsBlank() {
        for (Properties bundle : List.of(english, hindi)) {
            bundle.forEach((key, value) -> assertThat(value.toString()).as("value of %s", key).isNotBlank());
        }
    }

    @Test
    void templatesHoldNoHardCodedText() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Path template : templates()) {
            var document = Jsoup.parse(Files.readString(template), "", Parser.xmlParser());
            for (Element element : document.getAllElements()) {
                boolean textReplaced = TEXT_ATTRIBUTES.stream().anyMatch(element::hasAttr);
                String ownText = element.ownText();
                if (!textReplaced && LETTER.matcher(ownText).find() && !element.tagName().equals("script")) {
                    offences.add(TEMPLATES.relativize(template) + ": <" + element.tagName() + "> \"" + ownText.strip() + "\"");
                }
                for (String attribute : PLAIN_TEXT_ATTRIBUTES) {
                    if (element.hasAttr(attribute) && LETTER.matcher(element.attr(attribute)).find()) {
                        offences.add(TEMPLATES.relativize(template) + ": " + attribute + "=\"" + element.attr(attribute) + "\"");
                    }
                }
            }
        }
        assertThat(offences).as("texts not taken from the message bundles").isEmpty();
    }

    @Test
    void everyKeyATemplateNamesExists() throws IOException {
        Set<String> missing = new TreeSet<>();
        for (Path template : templates()) {
            Matcher matcher = TEMPLATE_KEY.matcher(Files.readString(template));
            while (matcher.find()) {
                if (!english.containsKey(matcher.group(1))) {
                    missing.add(TEMPLATES.relativize(template) + ": " + matcher.group(1));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyKeyTheCodeNamesExists() throws IOException {
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(JAVA)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = JAVA_KEY.matcher(Files.readString(file));
                while (matcher.find()) {
                    if (!english.containsKey(matcher.group(1))) {
                        missing.add(JAVA.relativize(file) + ": " + matcher.group(1));
                    }
                }
            }
        }
        for (Role role : Role.values()) {
            if (!english.containsKey(role.messageKey())) {
                missing.add(role.messageKey());
            }
        }
        for (ColdChainPoint.Kind kind : ColdChainPoint.Kind.values()) {
            if (!english.containsKey(kind.messageKey())) {
                missing.add(kind.messageKey());
            }
        }
        for (PhotoIdType type : PhotoIdType.values()) {
            if (!english.containsKey(type.messageKey())) {
                missing.add(type.messageKey());
            }
        }
        for (Gender gender : Gender.values()) {
            if (!english.containsKey(gender.messageKey())) {
                missing.add(gender.messageKey());
            }
        }
        var listKeys = new java.util.ArrayList<String>();
        java.util.Arrays.stream(BeneficiaryCategory.values()).map(BeneficiaryCategory::messageKey).forEach(listKeys::add);
        java.util.Arrays.stream(ListImport.Status.values()).map(ListImport.Status::messageKey).forEach(listKeys::add);
        java.util.Arrays.stream(ReportLine.Outcome.values()).map(ReportLine.Outcome::messageKey).forEach(listKeys::add);
        listKeys.stream().filter(key -> !english.containsKey(key)).forEach(missing::add);
        assertThat(missing).isEmpty();
    }

    @Test
    void detectsAHardCodedText() throws IOException {
        var document = Jsoup.parse("<p>Book now</p><p th:text=\"#{a.b}\">Book now</p>", "", Parser.xmlParser());
        long offending = document.getAllElements().stream()
                .filter(e -> TEXT_ATTRIBUTES.stream().noneMatch(e::hasAttr) && LETTER.matcher(e.ownText()).find())
                .count();
        assertThat(offending).isEqualTo(1);
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(f -> f.toString().endsWith(".html")).sorted().toList();
        }
    }

    private static Properties load(String name) {
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources", name), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return properties;
    }
}
