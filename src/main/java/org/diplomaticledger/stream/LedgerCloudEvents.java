package org.diplomaticledger.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.ZoneOffset;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Revision;
import org.diplomaticledger.presence.api.DiplomatExpelled;
import org.diplomaticledger.presence.api.MissionClosed;
import org.diplomaticledger.presence.api.StaffCeilingImposed;
import org.diplomaticledger.relations.api.RelationsLevelChanged;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.LedgerMetadata;
import org.diplomaticledger.talks.api.TalksConcluded;
import org.diplomaticledger.talks.api.TalksHeld;
import org.diplomaticledger.talks.api.TalksScheduled;

/**
 * The ledger's events as CloudEvents 1.0, the one shape integrators see on the stream, in event pages and on Kafka.
 *
 * <ul>
 *   <li>{@code id}: the event id; {@code source}: the ledger; {@code type}: {@code org.diplomaticledger.<Event>.v<revision>};
 *       {@code subject}: the aggregate (e.g. {@code RU-US}); {@code time}: when the ledger recorded it;
 *       {@code datacontenttype}: {@code application/json}; {@code dataschema}: the event type's JSON Schema.</li>
 *   <li>Extensions: {@code ledgerposition} (the global position, as a decimal string: CloudEvents integers are
 *       32 bits), {@code sequence} (the event's number within its aggregate), {@code effectivedate} (ISO date),
 *       {@code actor}, {@code correlationid}, and {@code cameocode} where a CAMEO code fits.</li>
 *   <li>{@code data}: the event's payload, exactly as the ledger stores it.</li>
 * </ul>
 */
public final class LedgerCloudEvents {

    public static final String TYPE_PREFIX = "org.diplomaticledger.";
    public static final String POSITION = "ledgerposition";
    public static final String SEQUENCE = "sequence";
    public static final String EFFECTIVE_DATE = "effectivedate";
    public static final String ACTOR = "actor";
    public static final String CORRELATION_ID = "correlationid";
    public static final String CAMEO_CODE = "cameocode";

    private final URI source;
    private final URI schemaBase;
    private final ObjectMapper eventMapper;

    /**
     * @param source      the CloudEvents {@code source} of every event, e.g. {@code urn:diplomatic-ledger}
     * @param schemaBase  where the JSON Schemas are published, ending in '/', e.g. {@code https://ledger.example/schemas/}
     * @param eventMapper the event serializer's object mapper, so that {@code data} is the payload as stored
     */
    public LedgerCloudEvents(URI source, URI schemaBase, ObjectMapper eventMapper) {
        this.source = source;
        this.schemaBase = schemaBase;
        this.eventMapper = eventMapper;
    }

    /** The CloudEvent of an event stored at {@code position}. */
    public CloudEvent toCloudEvent(EventMessage<?> event, long position) {
        Object payload = event.getPayload();
        String name = event.getPayloadType().getSimpleName();
        int revision = revision(event.getPayloadType());
        byte[] data;
        try {
            data = eventMapper.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + name + " as JSON", e);
        }
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(event.getIdentifier())
                .withSource(source)
                .withType(type(name, revision))
                .withTime(event.getTimestamp().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withDataSchema(schemaBase.resolve(name + ".v" + revision + ".json"))
                .withExtension(POSITION, Long.toString(position))
                .withData(data);
        if (event instanceof DomainEventMessage<?> domain) {
            builder.withSubject(domain.getAggregateIdentifier())
                    .withExtension(SEQUENCE, Long.toString(domain.getSequenceNumber()));
        }
        if (payload instanceof LedgerEvent ledgerEvent && ledgerEvent.effectiveDate() != null) {
            builder.withExtension(EFFECTIVE_DATE, ledgerEvent.effectiveDate().toString());
        }
        Object actor = event.getMetaData().get(LedgerMetadata.ACTOR);
        if (actor != null) {
            builder.withExtension(ACTOR, actor.toString());
        }
        Object correlationId = event.getMetaData().get(LedgerMetadata.CORRELATION_ID);
        if (correlationId != null) {
            builder.withExtension(CORRELATION_ID, correlationId.toString());
        }
        String cameo = cameoCode(payload);
        if (cameo != null) {
            builder.withExtension(CAMEO_CODE, cameo);
        }
        return builder.build();
    }

    /** {@code org.diplomaticledger.DiplomatExpelled.v1}. */
    public static String type(String eventName, int revision) {
        return TYPE_PREFIX + eventName + ".v" + revision;
    }

    /** The revision an event class is stored with: its {@link Revision}, or 1 without one. */
    public static int revision(Class<?> eventType) {
        Revision revision = eventType.getAnnotation(Revision.class);
        return revision == null ? 1 : Integer.parseInt(revision.value());
    }

    /** Whether the receiving state closed the mission (withdrew its consent, or is named as having decided). */
    private static boolean closedByTheReceivingState(MissionClosed closed) {
        String receiving = closed.presenceId() == null
                ? null
                : closed.presenceId().substring(closed.presenceId().indexOf('-') + 1);
        return closed.reason() == org.diplomaticledger.presence.api.ClosureReason.CONSENT_WITHDRAWN
                || closed.decidedBy() != null && closed.decidedBy().value().equals(receiving);
    }

    /**
     * The CAMEO code that fits the event, as GDELT and ICEWS write it (three digits), or null: CAMEO has none for
     * agrément, credentials, staffing reports or missions opening.
     */
    public static String cameoCode(Object payload) {
        // Codes from the CAMEO codebook (Schrodt, CAMEO Conflict and Mediation Event Observations, v1.1b3, 2012),
        // as tabled in docs/events.md ("CAMEO codes") and pinned by CameoCodesTest.
        if (payload instanceof DiplomatExpelled) {
            return "174"; // expel or deport individuals
        }
        if (payload instanceof RelationsLevelChanged changed) {
            return changed.cameoCode() == null ? null : String.format("%03d", changed.cameoCode());
        }
        if (payload instanceof TalksHeld held) {
            return held.thirdLocation() ? "044" : "043"; // meet at a third location / host a visit
        }
        if (payload instanceof TalksScheduled) {
            return "036"; // express intent to meet or negotiate
        }
        if (payload instanceof TalksConcluded) {
            return "046"; // engage in negotiation
        }
        if (payload instanceof StaffCeilingImposed) {
            return "172"; // impose administrative sanctions
        }
        if (payload instanceof MissionClosed closed && closedByTheReceivingState(closed)) {
            // 166 expel or withdraw: the receiving state orders the mission's personnel out. A closure the sending
            // state decides, or one nobody is said to have decided, carries none: the codebook's 16x codes are for
            // acts of the actor against the target, and a state closing its own post is no act against the host.
            return "166";
        }
        // AmbassadorRecalled carries none: a recall for consultations is a signal, not a reduction of relations
        // (CAMEO 161 is recorded as RelationsLevelChanged when relations are reduced), nor an expulsion (166, 174).
        return null;
    }
}
