package org.diplomaticledger.relations.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.diplomaticledger.history.api.EntryCorrected;
import org.diplomaticledger.ledger.StoredEvents;
import org.diplomaticledger.relations.api.ProtectingPower;
import org.diplomaticledger.relations.api.RelationsLevelChanged;
import org.diplomaticledger.shared.CountryCode;
import org.junit.jupiter.api.Test;

class RelationsLevelChangedUpcasterTest {

    private final Serializer serializer = StoredEvents.serializer();
    private final EventUpcasterChain chain = new EventUpcasterChain(new RelationsLevelChangedUpcaster());

    private IntermediateEventRepresentation read(String type, String revision, String json) {
        GenericDomainEventEntry<byte[]> row = new GenericDomainEventEntry<>(
                "BilateralRelations",
                "RELATIONS-IR-US",
                0,
                "e1",
                Instant.parse("2020-01-01T00:00:00Z"),
                type,
                revision,
                json.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        return chain.upcast(Stream.of(new InitialEventRepresentation(row, serializer)))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void revisionOneProtectingPowersNameTheStateTheyProtect() {
        IntermediateEventRepresentation upcast = read(RelationsLevelChanged.class.getName(), null, """
                {"relationsId":"RELATIONS-IR-US","stateA":"IR","stateB":"US","level":"SEVERED","protectingPowerOfA":"PK",
                 "protectingPowerOfB":"CH","effectiveDate":"1980-04-07","source":{"text":"x"},"cameoCode":161}""");
        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        RelationsLevelChanged event = serializer.deserialize(upcast.getData());
        assertThat(event.protectingPowers())
                .containsExactly(
                        new ProtectingPower(CountryCode.of("IR"), CountryCode.of("PK")),
                        new ProtectingPower(CountryCode.of("US"), CountryCode.of("CH")));
        assertThat(event.cameoCode()).isEqualTo(161);
    }

    @Test
    void revisionOneWithoutProtectingPowersHasNone() {
        IntermediateEventRepresentation upcast = read(RelationsLevelChanged.class.getName(), null, """
                {"relationsId":"RELATIONS-IR-US","stateA":"IR","stateB":"US","level":"DOWNGRADED",
                 "protectingPowerOfB":"CH","effectiveDate":"1980-04-07","source":{"text":"x"}}""");
        JsonNode data = upcast.getData(JsonNode.class).getData();
        assertThat(data.path("protectingPowers").toString())
                .isEqualTo("[{\"protectedState\":\"US\",\"power\":\"CH\"}]");
        assertThat(read(RelationsLevelChanged.class.getName(), null, """
                {"relationsId":"RELATIONS-IR-US","stateA":"IR","stateB":"US","level":"FULL",
                 "effectiveDate":"1980-04-07","source":{"text":"x"}}""")
                        .getData(JsonNode.class)
                        .getData()
                        .path("protectingPowers")
                        .toString())
                .isEqualTo("[]");
    }

    @Test
    void revisionTwoAndOtherEventsPassUnchanged() {
        String v2 = "{\"relationsId\":\"RELATIONS-IR-US\",\"protectingPowers\":[]}";
        IntermediateEventRepresentation upcast = read(RelationsLevelChanged.class.getName(), "2", v2);
        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        assertThat(upcast.getData(JsonNode.class).getData().toString()).isEqualTo(v2);
    }

    @Test
    void aCorrectionRecordedInRevisionOnesShapeIsUpcastToo() {
        IntermediateEventRepresentation upcast = read(EntryCorrected.class.getName(), null, """
                {"eventId":"e0","eventType":"RelationsLevelChanged","corrected":{"relationsId":"RELATIONS-IR-US",
                 "stateA":"IR","stateB":"US","level":"SEVERED","protectingPowerOfA":"DZ","effectiveDate":"1980-04-07",
                 "source":{"text":"x"}},"effectiveDate":"1980-04-07","source":{"text":"x"}}""");
        EntryCorrected correction = serializer.deserialize(upcast.getData());
        assertThat(correction.corrected()).doesNotContainKey("protectingPowerOfA");
        assertThat(String.valueOf(correction.corrected().get("protectingPowers")))
                .isEqualTo("[{protectedState=IR, power=DZ}]");
        assertThat(upcast.getType().getRevision()).isNull();
    }
}
