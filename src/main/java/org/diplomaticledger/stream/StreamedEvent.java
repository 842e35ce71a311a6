package org.diplomaticledger.stream;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.diplomaticledger.shared.LedgerEvent;

/** One stored event at its ledger position, with its CloudEvent in structured JSON written once, when first asked. */
public final class StreamedEvent {

    private static final EventFormat JSON = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    private final long position;
    private final EventMessage<?> message;
    private final LedgerCloudEvents cloudEvents;
    private final StatesNamed states;
    private volatile byte[] json;
    private volatile byte[] frame;

    StreamedEvent(long position, EventMessage<?> message, LedgerCloudEvents cloudEvents, StatesNamed states) {
        this.position = position;
        this.message = message;
        this.cloudEvents = cloudEvents;
        this.states = states;
    }

    public long position() {
        return position;
    }

    /** The event's name, e.g. {@code DiplomatExpelled}. */
    public String name() {
        return message.getPayloadType().getSimpleName();
    }

    /** The CloudEvents type, e.g. {@code org.diplomaticledger.DiplomatExpelled.v1}. */
    public String type() {
        return LedgerCloudEvents.type(name(), LedgerCloudEvents.revision(message.getPayloadType()));
    }

    /** The aggregate the event belongs to (the CloudEvent's subject). */
    public String subject() {
        return message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
    }

    public LocalDate effectiveDate() {
        return message.getPayload() instanceof LedgerEvent event ? event.effectiveDate() : null;
    }

    /** The states the event concerns as sending, receiving state or party (alpha-2). */
    public Set<String> states() {
        return states.of(subject(), message.getPayload());
    }

    public CloudEvent cloudEvent() {
        return cloudEvents.toCloudEvent(message, position);
    }

    /** The CloudEvent in structured JSON mode, on one line. */
    public byte[] json() {
        byte[] bytes = json;
        if (bytes == null) {
            bytes = JSON.serialize(cloudEvent());
            json = bytes;
        }
        return bytes;
    }

    /**
     * The event as one server-sent-events message ({@code id}, {@code event}, {@code data}, blank line), written once
     * and shared by every stream that sends it: the tail encodes each live event once, whatever the number of
     * subscribers.
     */
    public byte[] frame() {
        byte[] bytes = frame;
        if (bytes == null) {
            byte[] data = json();
            byte[] head = ("id: " + position + "\nevent: " + name() + "\ndata: ").getBytes(StandardCharsets.UTF_8);
            bytes = new byte[head.length + data.length + 2];
            System.arraycopy(head, 0, bytes, 0, head.length);
            System.arraycopy(data, 0, bytes, head.length, data.length);
            bytes[bytes.length - 2] = '\n';
            bytes[bytes.length - 1] = '\n';
            frame = bytes;
        }
        return bytes;
    }

    public String jsonString() {
        return new String(json(), StandardCharsets.UTF_8);
    }
}
