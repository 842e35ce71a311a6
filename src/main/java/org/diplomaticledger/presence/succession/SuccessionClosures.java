package org.diplomaticledger.presence.succession;

import java.util.List;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.diplomaticledger.history.api.RetractEntry;
import org.diplomaticledger.presence.api.CloseMission;
import org.diplomaticledger.presence.api.ClosureReason;
import org.diplomaticledger.presence.api.MissionClosed;
import org.diplomaticledger.presence.projection.StaffingProjection;
import org.diplomaticledger.presence.projection.StaffingQueries;
import org.diplomaticledger.projection.ProjectionPositions;
import org.diplomaticledger.projection.ReadPosition;
import org.diplomaticledger.projection.ReadView;
import org.diplomaticledger.projection.Reads;
import org.diplomaticledger.shared.LedgerMetadata;
import org.diplomaticledger.shared.RuleViolation;
import org.diplomaticledger.states.api.RecordSuccession;
import org.diplomaticledger.states.api.StateSucceeded;
import org.diplomaticledger.states.api.StateSuccessions;
import org.springframework.stereotype.Component;

/**
 * The effect of an absorption or a dissolution on missions: once the register accepted a {@link RecordSuccession}
 * of either kind, every mission of the predecessor (sent by it, or received by it) that is not closed on the
 * succession's day is closed on that day by a {@link CloseMission} with reason {@code STATE_SUCCESSION}, the
 * succession's source and a note naming it, in the same write (docs/states.md#succession).
 *
 * <p>The closures are commands sent on behalf of the succession, as a correction is handed to its aggregate: they
 * carry its actor, correlation id, command name and command id, so their {@code MissionClosed} events are audited
 * and answered as the succession's, in one transaction with its {@code StateSucceeded}: all of them or none. Each
 * presence judges its closure as any other (a closure recorded for a later day refuses it, and the succession with
 * it, naming the mission). Nothing dispatches again when the ledger is replayed or a projection rebuilt: the closures
 * are events from then on, and a succession is recorded once.
 *
 * <p>The missions are found in the staffing projection, by its presences' index, after it has caught up with every
 * write committed before this one (the succession runs in a batch of its own: nothing else is being written). A
 * mission of the predecessor opened after the succession was recorded is closed by {@link LateMissionClosures}.
 *
 * <p>A succession retracted ({@code RetractEntry} of its {@code StateSucceeded}, by an ADMIN) takes its closures
 * with it, in the same write: each is retracted on behalf of the retraction ({@link #reopen}).
 */
@Component
class SuccessionClosures {

    private final CommandBus commandBus;
    private final Reads reads;
    private final ProjectionPositions positions;
    private final StaffingQueries staffing;
    private final StateSuccessions successions;
    private final EventStore eventStore;

    SuccessionClosures(
            CommandBus commandBus,
            Reads reads,
            ProjectionPositions positions,
            StaffingQueries staffing,
            StateSuccessions successions,
            EventStore eventStore) {
        this.commandBus = commandBus;
        this.successions = successions;
        this.eventStore = eventStore;
        this.reads = reads;
        this.positions = positions;
        this.staffing = staffing;
        // Registered here, once: as a bean of its own, an interceptor would also be registered by Axon's
        // auto-configuration.
        MessageHandlerInterceptor<CommandMessage<?>> interceptor = this::handle;
        commandBus.registerHandlerInterceptor(interceptor);
    }

    private Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandMessage<?> message = unitOfWork.getMessage();
        // Looked up before the retraction runs: once it has, the succession no longer stands.
        StateSucceeded retracted = message.getPayload() instanceof RetractEntry retraction
                ? successions
                        .standing(retraction.eventId())
                        .filter(succession -> succession.kind().closesMissions())
                        .orElse(null)
                : null;
        Object result = chain.proceed();
        if (message.getPayload() instanceof RecordSuccession succession
                && succession.kind().closesMissions()) {
            close(succession, message);
        }
        if (retracted != null) {
            reopen(retracted, (RetractEntry) message.getPayload(), message);
        }
        return result;
    }

    private void close(RecordSuccession succession, CommandMessage<?> message) {
        List<String> missions =
                staffing.missionsNotClosed(missionsView(succession.succeeded()), succession.predecessor());
        String note = succession.succeeded().describe();
        MetaData onBehalf = message.getMetaData().and(LedgerMetadata.COMMAND_ID, message.getIdentifier());
        for (String missionId : missions) {
            CloseMission closure = new CloseMission(
                    missionId,
                    ClosureReason.STATE_SUCCESSION,
                    null,
                    null,
                    note,
                    succession.effectiveDate(),
                    succession.source());
            OnBehalf.send(
                    commandBus,
                    closure,
                    onBehalf,
                    missionId,
                    "predecessor",
                    "the succession closes " + missionId + " on " + succession.effectiveDate());
        }
    }

    /**
     * Undoes a retracted succession's closures, in the retraction's write: every {@code MissionClosed} it made (reason
     * {@code STATE_SUCCESSION}, its day, its note; those recorded with it and those of missions opened after it) is
     * retracted on behalf of the retraction, with its source, so that the missions are open again. Its predecessor's
     * presences are found in the staffing projection, as {@link #close} finds its missions; each presence judges the
     * retraction of its closure, and a refusal refuses the whole retraction, naming the mission.
     */
    private void reopen(StateSucceeded succession, RetractEntry retraction, CommandMessage<?> message) {
        String note = succession.describe();
        MetaData onBehalf = message.getMetaData().and(LedgerMetadata.COMMAND_ID, message.getIdentifier());
        for (String presenceId : staffing.presencesOf(missionsView(succession), succession.predecessor())) {
            List<? extends DomainEventMessage<?>> closures = eventStore
                    .readEvents(presenceId)
                    .asStream()
                    .filter(event -> event.getPayload() instanceof MissionClosed closed
                            && closed.reason() == ClosureReason.STATE_SUCCESSION
                            && succession.effectiveDate().equals(closed.effectiveDate())
                            && note.equals(closed.note()))
                    .toList();
            for (DomainEventMessage<?> closure : closures) {
                String missionId = ((MissionClosed) closure.getPayload()).missionId();
                RetractEntry undo = new RetractEntry(
                        closure.getIdentifier(),
                        "the " + note + " was retracted: " + retraction.reason(),
                        null,
                        retraction.source());
                OnBehalf.send(
                        commandBus,
                        undo,
                        onBehalf,
                        missionId,
                        "eventId",
                        "the retraction of the " + note + " retracts its closure of " + missionId);
            }
        }
    }

    /**
     * The staffing projection on the succession's day, once it has applied every write committed before this one;
     * a projection that does not get there in time (or holds a parked event) refuses the succession (or its
     * retraction), to be sent again.
     */
    private ReadView missionsView(StateSucceeded succession) {
        try {
            return reads.await(
                    StaffingProjection.NAME, new ReadPosition(positions.head(), succession.effectiveDate(), null));
        } catch (Reads.ProjectionBehind | Reads.ProjectionParked behind) {
            throw new RuleViolation(
                    "missions-not-yet-read",
                    "predecessor",
                    "the missions of "
                            + succession.predecessor() + " could not be read: " + behind.getMessage()
                            + "; send it"
                            + " again once the staffing projection has caught up");
        }
    }
}
