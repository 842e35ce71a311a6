package org.diplomaticledger.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.diplomaticledger.ledger.LedgerProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ledger.*} property is typed and documented (issue #17): the metadata the configuration processor writes
 * from the properties records' javadoc, with {@code additional-spring-configuration-metadata.json} merged in, describes
 * every {@code ledger.*} key that the application's sources and property files name, so that IDEs complete and explain
 * them; and no class reads one by name ({@code @Value("${ledger…}")}, a {@code ${ledger…}} placeholder in a string)
 * around its record. Reads {@code src/main} and the metadata of this build ({@code target/classes}).
 */
class ConfigurationMetadataTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path RESOURCES = Path.of("src/main/resources");

    /** {@code @ConfigurationProperties("ledger.x")}, {@code (prefix = "ledger.x")} or {@code (value = "ledger.x")}. */
    private static final Pattern PREFIX = Pattern.compile(
            "@(?:[\\w.]+\\.)?ConfigurationProperties\\(\\s*(?:(?:prefix|value)\\s*=\\s*)?\"(ledger[\\w.-]*)\"");
    /** {@code ${ledger.x}} or {@code ${ledger.x:default}}, anywhere (a string, a property file, javadoc). */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(ledger\\.[\\w.\\[\\]-]+)(?::([^}]*))?}");
    /** A key set in a property file; an indexed one ({@code users[0].name}) is described by its list. */
    private static final Pattern PROPERTY_KEY = Pattern.compile("(?m)^\\s*(ledger\\.[\\w.-]+)[\\w.\\[\\]-]*\\s*[=:]");
    /** {@code @ConditionalOnProperty(name = "ledger.x", …)} (or {@code value =}, or the name alone). */
    private static final Pattern CONDITION = Pattern.compile(
            "@(?:[\\w.]+\\.)?ConditionalOnProperty\\(\\s*(?:(?:name|value)\\s*=\\s*)?\"(ledger\\.[\\w.-]+)\"");
    /** A string literal holding a {@code ${ledger…}} placeholder, as {@code @Value} or {@code @Scheduled} take. */
    private static final Pattern LOOKUP_BY_NAME = Pattern.compile("\"[^\"\\n]*\\$\\{ledger\\.");

    private static final Map<String, JsonNode> properties = new TreeMap<>();
    private static final TreeSet<String> groups = new TreeSet<>();
    private static final Map<Path, String> javaSources = new LinkedHashMap<>();
    private static final Map<Path, String> propertyFiles = new LinkedHashMap<>();

    @BeforeAll
    static void read() throws Exception {
        Path classes = Path.of(LedgerProperties.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path file = classes.resolve("META-INF/spring-configuration-metadata.json");
        assertThat(file)
                .as("the configuration processor's metadata of this build")
                .exists();
        JsonNode metadata = new ObjectMapper().readTree(file.toFile());
        metadata.path("properties")
                .forEach(property -> properties.put(property.path("name").asText(), property));
        metadata.path("groups").forEach(group -> groups.add(group.path("name").asText()));
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(f -> javaSources.put(f, text(f)));
        }
        try (Stream<Path> files = Files.list(RESOURCES)) {
            files.filter(f -> f.getFileName().toString().matches("application.*\\.properties"))
                    .sorted()
                    .forEach(f -> propertyFiles.put(f, text(f)));
        }
    }

    @Test
    void everyLedgerPropertyInTheMetadataIsDescribed() {
        List<String> ledger = properties.keySet().stream()
                .filter(name -> name.startsWith("ledger."))
                .toList();
        assertThat(ledger)
                .as("ledger.* properties in the metadata")
                .contains(
                        "ledger.data-dir",
                        "ledger.imports.async-body",
                        "ledger.projections.batch-size",
                        "ledger.kafka.topic",
                        "ledger.stream.source",
                        "ledger.demo.load");
        List<String> undescribed = ledger.stream()
                .filter(name ->
                        properties.get(name).path("description").asText("").isBlank())
                .toList();
        assertThat(undescribed)
                .as("ledger.* properties without a description (give the record component an @param)")
                .isEmpty();
    }

    @Test
    void everyPropertiesRecordOfTheLedgerHasItsMetadata() {
        Map<String, String> prefixes = new TreeMap<>();
        javaSources.forEach(
                (file, text) -> find(PREFIX, text).forEach(prefix -> prefixes.put(prefix, file.toString())));
        assertThat(prefixes)
                .as("@ConfigurationProperties records")
                .containsKeys(
                        "ledger",
                        "ledger.projections",
                        "ledger.stream",
                        "ledger.kafka",
                        "ledger.audit",
                        "ledger.security",
                        "ledger.expulsions");
        prefixes.forEach((prefix, file) -> {
            assertThat(groups)
                    .as("the metadata's group of %s (%s)", prefix, file)
                    .contains(prefix);
            assertThat(properties.keySet())
                    .as("the metadata's properties under %s (%s)", prefix, file)
                    .anyMatch(name -> name.startsWith(prefix + "."));
        });
    }

    @Test
    void everyLedgerKeyTheApplicationNamesIsDescribedWithItsDefault() {
        Map<String, String> named = new TreeMap<>();
        List<String> defaults = new ArrayList<>();
        Map<Path, String> all = new LinkedHashMap<>(javaSources);
        all.putAll(propertyFiles);
        all.forEach((file, text) -> {
            Matcher placeholder = PLACEHOLDER.matcher(text);
            while (placeholder.find()) {
                String key = placeholder.group(1).replaceAll("\\[.*", "");
                named.put(key, file.toString());
                if (placeholder.group(2) != null) {
                    defaults.add(key + "=" + placeholder.group(2) + " (" + file + ")");
                }
            }
            find(CONDITION, text).forEach(key -> named.put(key, file.toString()));
        });
        propertyFiles.forEach((file, text) -> find(PROPERTY_KEY, text).forEach(key -> named.put(key, file.toString())));
        assertThat(named)
                .as("ledger.* keys named in src/main")
                .containsKeys(
                        "ledger.data-dir",
                        "ledger.demo.load",
                        "ledger.security.users",
                        "ledger.kafka.topic",
                        "ledger.h2.compact-on-stop");

        named.forEach((key, file) -> {
            assertThat(properties)
                    .as("the metadata of %s, named in %s", key, file)
                    .containsKey(key);
            assertThat(properties.get(key).path("description").asText(""))
                    .as("the description of %s", key)
                    .isNotBlank();
        });
        for (String placeholder : defaults) {
            String key = placeholder.substring(0, placeholder.indexOf('='));
            String value = placeholder.substring(placeholder.indexOf('=') + 1, placeholder.lastIndexOf(" ("));
            assertThat(properties.get(key).path("defaultValue").asText(null))
                    .as("the metadata's default of %s, which a placeholder gives as %s", key, placeholder)
                    .isEqualTo(value);
        }
    }

    @Test
    void noClassReadsALedgerPropertyByName() {
        List<String> lookups = new ArrayList<>();
        javaSources.forEach((file, text) -> {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].trim();
                boolean comment = line.startsWith("*") || line.startsWith("/*") || line.startsWith("//");
                if (!comment && LOOKUP_BY_NAME.matcher(line).find()) {
                    lookups.add(file + ":" + (i + 1) + ": " + line);
                }
            }
        });
        assertThat(lookups)
                .as("ledger.* read by name (@Value, placeholders): inject the properties record that owns "
                        + "the key instead")
                .isEmpty();
    }

    private static List<String> find(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
