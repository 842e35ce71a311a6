package org.diplomaticledger.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.diplomaticledger.stream.LedgerCloudEvents;
import org.junit.jupiter.api.Test;

/** asyncapi.yaml (served at /asyncapi.yaml) describes the stream and the topic with a message for every event type at its current revision. */
class AsyncApiTest {

    private static final Path DOC = Path.of("src/main/resources/static/asyncapi.yaml");

    private final JsonNode api;

    AsyncApiTest() throws IOException {
        api = new ObjectMapper(new YAMLFactory()).readTree(DOC.toFile());
    }

    @Test
    void isAsyncApi3WithTheStreamAndTheTopic() {
        assertThat(api.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(api.at("/channels/stream/address").asText()).isEqualTo("/api/v1/stream");
        assertThat(api.at("/channels/events/address").asText()).isEqualTo("diplomatic-ledger.events");
        assertThat(api.at("/channels/events/bindings/kafka/topic").asText()).isEqualTo("diplomatic-ledger.events");
        assertThat(api.at("/operations/subscribeToStream/channel/$ref").asText())
                .isEqualTo("#/channels/stream");
        assertThat(api.at("/operations/consumeTopic/channel/$ref").asText()).isEqualTo("#/channels/events");
        JsonNode query = api.at("/operations/subscribeToStream/bindings/http/query/properties");
        assertThat(names(query)).containsExactlyInAnyOrder("after", "type", "state", "aggregate");
        assertThat(api.at("/operations/subscribeToStream/x-request-headers/properties")
                        .has("Last-Event-ID"))
                .isTrue();
    }

    @Test
    void everyEventTypeHasAMessageAtItsCurrentRevisionOnBothChannels() {
        Set<String> expected = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Class<?> type : EventSchemas.eventTypes()) {
            String name = type.getSimpleName();
            int revision = LedgerCloudEvents.revision(type);
            expected.add(name);
            JsonNode message = api.at("/components/messages/" + name);
            if (message.isMissingNode()) {
                problems.add(name + ": no message");
                continue;
            }
            JsonNode typed = message.at("/payload/allOf/1/properties");
            if (!typed.at("/type/const").asText().equals(LedgerCloudEvents.type(name, revision))) {
                problems.add(name + ": type is not " + LedgerCloudEvents.type(name, revision));
            }
            String data = typed.at("/data/$ref").asText();
            if (!data.equals("schemas/" + EventSchemas.fileName(type))) {
                problems.add(name + ": data refers to " + data + ", not " + EventSchemas.fileName(type));
            }
            for (String channel : List.of("stream", "events")) {
                if (!api.at("/channels/" + channel + "/messages/" + name + "/$ref")
                        .asText()
                        .equals("#/components/messages/" + name)) {
                    problems.add(name + ": not on channel " + channel);
                }
            }
        }
        assertThat(problems).isEmpty();
        // The audit chain's signed digests travel on the topic too (docs/audit.md), not on the stream.
        Set<String> onTheTopic = new TreeSet<>(expected);
        onTheTopic.add("ChainDigest");
        assertThat(names(api.at("/components/messages"))).as("messages").isEqualTo(onTheTopic);
        assertThat(names(api.at("/channels/stream/messages"))).isEqualTo(expected);
        assertThat(names(api.at("/channels/events/messages"))).isEqualTo(onTheTopic);
        assertThat(api.at("/components/messages/ChainDigest/payload/properties/type/const")
                        .asText())
                .isEqualTo("org.diplomaticledger.audit.ChainDigest.v1");
    }

    @Test
    void everyFileItRefersToExists() {
        List<String> refs = new ArrayList<>();
        collectRefs(api, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            if (!ref.startsWith("#")) {
                assertThat(DOC.getParent().resolve(ref).normalize()).as(ref).exists();
            }
        }
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("$ref")) {
                    refs.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
