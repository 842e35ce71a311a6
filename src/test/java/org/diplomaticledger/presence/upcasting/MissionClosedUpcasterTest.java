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
import org.diplomaticledger.presence.api.ClosureReason;
import org.diplomaticledger.presence.api.MissionClosed;
import org.junit.jupiter.api.Test;

/** MissionClosed stored at revision 1 reads as revision 2, its payload unchanged. */
class MissionClosedUpcasterTest {

    private static final String V1_PAYLOAD = """
            {"presenceId":"US-JP","missionId":"US-JP-EMBASSY-TOKYO","reason":"RELATIONS_SEVERED",
             "effectiveDate":"1941-12-08","source":{"text":"x"}}""";

    private final Serializer serializer = StoredEvents.serializer();
    private final EventUpcasterChain chain = new EventUpcasterChain(new MissionClosedUpcaster());

    private IntermediateEventRepresentation read(String revision) {
        GenericDomainEventEntry<byte[]> row = new GenericDomainEventEntry<>(
                "Presence",
                "US-JP",
                0,
                "e1",
                Instant.parse("2020-01-01T00:00:00Z"),
                MissionClosed.class.getName(),
                revision,
                V1_PAYLOAD.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        return chain.upcast(Stream.of(new InitialEventRepresentation(row, serializer)))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void revisionOneReadsAsRevisionTwoUnchanged() {
        IntermediateEventRepresentation upcast = read(null);
        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        MissionClosed event = serializer.deserialize(upcast.getData());
        assertThat(event.reason()).isEqualTo(ClosureReason.RELATIONS_SEVERED);
        assertThat(read("2").getType().getRevision()).isEqualTo("2");
    }
}
