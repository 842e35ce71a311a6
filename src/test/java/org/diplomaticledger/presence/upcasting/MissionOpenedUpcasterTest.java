package org.diplomaticledger.presence.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.diplomaticledger.ledger.StoredEvents;
import org.diplomaticledger.presence.api.MissionKind;
import org.diplomaticledger.presence.api.MissionOpened;
import org.diplomaticledger.presence.api.MissionSuspended;
import org.junit.jupiter.api.Test;

class MissionOpenedUpcasterTest {

    private static final String V1_PAYLOAD = """
            {"presenceId":"US-JP","missionId":"US-JP-EMBASSY-TOKYO","sendingState":"US","receivingState":"JP",
             "kind":"EMBASSY","city":"Tokyo","reopened":false,"effectiveDate":"1952-04-28","source":{"text":"x"}}""";

    private final Serializer serializer = StoredEvents.serializer();
    private final EventUpcasterChain chain = new EventUpcasterChain(new MissionOpenedUpcaster());

    private IntermediateEventRepresentation read(String type, String revision, String json) {
        GenericDomainEventEntry<byte[]> row = new GenericDomainEventEntry<>(
                "Presence",
                "US-JP",
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
    void revisionOneReadsAsRevisionTwoUnchanged() {
        IntermediateEventRepresentation upcast = read(MissionOpened.class.getName(), null, V1_PAYLOAD);
        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        MissionOpened event = serializer.deserialize(upcast.getData());
        assertThat(event.missionId()).isEqualTo("US-JP-EMBASSY-TOKYO");
        assertThat(event.kind()).isEqualTo(MissionKind.EMBASSY);
        assertThat(event.city()).isEqualTo("Tokyo");
    }

    @Test
    void revisionTwoAndOtherEventsPassUnchanged() {
        assertThat(read(MissionOpened.class.getName(), "2", V1_PAYLOAD)
                        .getType()
                        .getRevision())
                .isEqualTo("2");
        assertThat(read(MissionSuspended.class.getName(), null, """
                {"presenceId":"US-JP","missionId":"US-JP-EMBASSY-TOKYO","effectiveDate":"1941-12-08"}""").getType().getRevision())
                .isNull();
    }
}
