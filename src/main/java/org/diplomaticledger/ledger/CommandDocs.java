package org.diplomaticledger.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.core.io.ClassPathResource;

/**
 * What the ledger says about each command, for the OpenAPI description and the dashboard's command forms alike: a
 * description per command ({@value #DESCRIPTIONS}) and an example payload per command ({@value #EXAMPLES}, the
 * first line of each command).
 */
public final class CommandDocs {

    public static final String EXAMPLES = "openapi/command-examples.ndjson";
    public static final String DESCRIPTIONS = "openapi/command-descriptions.properties";

    private CommandDocs() {}

    /** The first example payload of each command, by command name. */
    public static Map<String, JsonNode> examples(ObjectMapper objectMapper) {
        Map<String, JsonNode> examples = new HashMap<>();
        try (var in = new ClassPathResource(EXAMPLES).getInputStream()) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    JsonNode node = objectMapper.readTree(line);
                    examples.putIfAbsent(node.get("command").asText(), node.get("payload"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return examples;
    }

    /** Each command's description, by command name. */
    public static Properties descriptions() {
        Properties properties = new Properties();
        try (var in =
                new InputStreamReader(new ClassPathResource(DESCRIPTIONS).getInputStream(), StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
