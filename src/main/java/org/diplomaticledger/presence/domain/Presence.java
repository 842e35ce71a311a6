package org.diplomaticledger.presence.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.SourceId;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.ForwardMatchingInstances;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.diplomaticledger.history.api.EntryCorrected;
import org.diplomaticledger.history.api.EntryRetracted;
import org.diplomaticledger.history.api.JudgedRevision;
import org.diplomaticledger.presence.api.*;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.RuleViolation;

/**
 * A sending state's diplomatic presence in a receiving state ({@code RU-US}): its missions, their staff, the
 * expulsions and staff ceilings the receiving state imposed. One aggregate, because the rules cut across missions: a
 * ceiling on the whole presence, an expulsion of staff from several missions. Each {@link Mission} is an entity of
 * it that keeps its own status and heads of mission; this root keeps what crosses missions.
 *
 * <p>Snapshots hold this state as Jackson writes it. The revision names that shape: raise it when the fields change,
 * and snapshots of the old shape are not read (the presence loads from its events instead).
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "ledgerSnapshotTrigger")
@Revision("7")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Presence {

    @AggregateIdentifier
    private String presenceId;

    private CountryCode sendingState;
    private CountryCode receivingState;
    /** The missions by id; each one's events reach it by their {@code missionId}. */
    @AggregateMember(eventForwardingMode = ForwardMatchingInstances.class)
    private Map<String, Mission> missions = new LinkedHashMap<>();
    /** The staff, their careers, the headcount and the ceilings, in effective time. */
    private StaffBook staff = new StaffBook();
    /** The expulsions, and the persons and staff who left under each. */
    private Expulsions expulsions = Expulsions.NONE;

    protected Presence() {}

    // ---------------------------------------------------------------- corrections

    /**
     * A correction or retraction of one of this presence's events, judged by the ledger's history; refused besides if
     * it moves or removes a fact of a mission's life or a career so that it breaks a rule it did not (a closure
     * corrected to a day before a recorded accreditation, the opening of a mission with staff retracted), or if it
     * moves, removes or changes a staff or ceiling fact so that the ceilings refuse a fact they did not (a ceiling's
     * limit corrected below the staff accredited under it, a reported headcount corrected so that a later
     * accreditation no longer fits).
     */
    @CommandHandler
    void handle(RevisePresenceEntry command, PresenceEvents events) {
        JudgedRevision revision = command.revision();
        if (!revision.keepsItsDay()) {
            for (Mission mission : missions.values()) {
                mission.requireRevisable(revision.eventId(), revision.movedTo());
            }
        }
        staffRules(events).requireRevisable(revision);
        revision.record();
    }

    // ---------------------------------------------------------------- missions

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(OpenMission command) {
        if (command.sendingState().equals(command.receivingState())) {
            throw new RuleViolation(
                    "same-state",
                    "receivingState",
                    "a state keeps no mission in itself: sendingState and receivingState are both "
                            + command.sendingState());
        }
        new MissionDirectory(missions).requireOpenable(command.missionId(), command.kind(), command.effectiveDate());
        Mission known = missions.get(command.missionId());
        boolean reopened = known != null && known.on(command.effectiveDate()).opened(); // an earlier life on record
        apply(new MissionOpened(
                command.presenceId(),
                command.missionId(),
                command.sendingState(),
                command.receivingState(),
                command.kind(),
                command.city(),
                command.organisation(),
                command.name(),
                reopened,
                command.effectiveDate(),
                command.source()));
    }

    @CommandHandler
    void handle(SuspendMission command) {
        mission(command.missionId()).suspend(command);
    }

    @CommandHandler
    void handle(ResumeMission command) {
        mission(command.missionId()).resume(command);
    }

    /** A closure ends the mission's ceilings: refused too if a lifting of one recorded for a later day then fails. */
    @CommandHandler
    void handle(CloseMission command, PresenceEvents events) {
        Mission mission = mission(command.missionId());
        staffRules(events).requireClosable(command);
        mission.close(command, sendingState, receivingState);
    }

    /**
     * A succession recorded already closes a mission of its predecessor that a write opened or resumed: on the
     * succession's day, if the mission stands open or suspended then, by the rules of any closure; a mission closed by
     * then (or not yet opened) is left as it is.
     */
    @CommandHandler
    void handle(CloseOnSuccession command, PresenceEvents events) {
        Mission mission = missions.get(command.missionId());
        MissionStatus then =
                mission == null ? null : mission.on(command.effectiveDate()).status();
        if (then == MissionStatus.OPEN || then == MissionStatus.SUSPENDED) {
            handle(command.closure(), events);
        }
    }

    @CommandHandler
    void handle(ChangeMissionRank command) {
        mission(command.missionId()).changeRank(command);
    }

    // ---------------------------------------------------------------- staff: their own rules (StaffRules)

    @CommandHandler
    void handle(AccreditDiplomat command, PresenceEvents events) {
        apply(staffRules(events).accredited(command));
    }

    @CommandHandler
    void handle(RecordDeparture command, PresenceEvents events) {
        apply(staffRules(events).departed(command));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordStaffCount command, PresenceEvents events) {
        String id = initialise(command.presenceId());
        apply(staffRules(events).reported(id, command));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordStaffChange command, PresenceEvents events) {
        String id = initialise(command.presenceId());
        apply(staffRules(events).changed(id, command));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ExpelDiplomat command) {
        String id = initialise(command.presenceId());
        apply(staffRules().expelled(id, command));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ImposeStaffCeiling command, PresenceEvents events) {
        String id = initialise(command.presenceId());
        apply(staffRules(events).imposed(id, command));
    }

    @CommandHandler
    void handle(LiftStaffCeiling command, PresenceEvents events) {
        apply(staffRules(events).lifted(command));
    }

    // ---------------------------------------------------------------- heads of mission: each mission's (MissionHeads)

    @CommandHandler
    void handle(RequestAgrement command) {
        apply(heads(command.missionId()).agrementRequested(command));
    }

    @CommandHandler
    void handle(GrantAgrement command) {
        apply(heads(command.missionId()).agrementGranted(command));
    }

    @CommandHandler
    void handle(RefuseAgrement command) {
        apply(heads(command.missionId()).agrementRefused(command));
    }

    @CommandHandler
    void handle(AppointAmbassador command) {
        apply(heads(command.missionId()).appointed(command));
    }

    @CommandHandler
    void handle(PresentCredentials command) {
        apply(heads(command.missionId()).credentialsPresented(command));
    }

    @CommandHandler
    void handle(RecallAmbassador command) {
        apply(heads(command.missionId()).recalled(command));
    }

    @CommandHandler
    void handle(ReturnAmbassador command) {
        apply(heads(command.missionId()).returned(command));
    }

    @CommandHandler
    void handle(EndAmbassadorship command) {
        apply(heads(command.missionId()).ended(command));
    }

    @CommandHandler
    void handle(AppointChargeDAffaires command) {
        apply(heads(command.missionId()).chargeDAffairesAppointed(command));
    }

    // ---------------------------------------------------------------- event sourcing

    /** A history whose first events were retracted still knows whose history it is. */
    @EventSourcingHandler
    void on(EntryRetracted event, @SourceId String aggregateId) {
        initialiseFrom(aggregateId);
    }

    @EventSourcingHandler
    void on(EntryCorrected event, @SourceId String aggregateId) {
        initialiseFrom(aggregateId);
    }

    /** A new mission, or a closed one opened again (which keeps the record of its heads). */
    @EventSourcingHandler
    void on(MissionOpened event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        presenceId = event.presenceId();
        sendingState = event.sendingState();
        receivingState = event.receivingState();
        Mission known = missions.get(event.missionId());
        if (known == null) {
            missions.put(event.missionId(), new Mission(event, eventId, sequence));
        } else {
            known.reopen(event, eventId, sequence);
        }
    }

    /** The mission's own status changes in {@link Mission}; its ceilings end with it. */
    @EventSourcingHandler
    void on(MissionClosed event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        staff.timeline.record(StaffTimeline.factOf(event, eventId, sequence), presenceId);
    }

    @EventSourcingHandler
    void on(DiplomatAccredited event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        staff.record(
                event.personId(),
                new Careers.PersonFact(
                        Careers.Move.ACCREDITED, event.missionId(), event.name(), event.category(), null),
                event,
                eventId,
                sequence,
                event.effectiveDate(),
                event.presenceId());
    }

    @EventSourcingHandler
    void on(DiplomatDeparted event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        staff.record(
                event.personId(),
                new Careers.PersonFact(Careers.Move.DEPARTED, event.missionId(), null, null, null),
                event,
                eventId,
                sequence,
                event.effectiveDate(),
                event.presenceId());
        if (event.expulsionId() != null) {
            expulsions = expulsions.departed(event.expulsionId(), event.personId());
        }
    }

    @EventSourcingHandler
    void on(CountedStaffDeparted event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        staff.timeline.record(StaffTimeline.factOf(event, eventId, sequence), presenceId);
        if (event.expulsionId() != null) {
            expulsions = expulsions.departed(event.expulsionId(), event.count());
        }
    }

    @EventSourcingHandler
    void on(StaffCountReported event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        initialiseFrom(event.presenceId());
        staff.timeline.record(StaffTimeline.factOf(event, eventId, sequence), presenceId);
    }

    @EventSourcingHandler
    void on(StaffCountChanged event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        initialiseFrom(event.presenceId());
        staff.timeline.record(StaffTimeline.factOf(event, eventId, sequence), presenceId);
    }

    @EventSourcingHandler
    void on(DiplomatExpelled event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        initialiseFrom(event.presenceId());
        for (ExpelledPerson person : event.persons()) {
            staff.record(
                    person.personId(),
                    new Careers.PersonFact(Careers.Move.EXPELLED, event.missionId(), null, null, event.expulsionId()),
                    event,
                    eventId,
                    sequence,
                    event.effectiveDate(),
                    event.presenceId());
        }
        expulsions = expulsions.expelled(event);
    }

    /** The ceiling replaces the one in force on its scope on its day, whichever its event names. */
    @EventSourcingHandler
    void on(StaffCeilingImposed event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        initialiseFrom(event.presenceId());
        staff.timeline.record(StaffTimeline.factOf(event, eventId, sequence), presenceId);
    }

    @EventSourcingHandler
    void on(StaffCeilingLifted event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        staff.timeline.record(StaffTimeline.factOf(event, eventId, sequence), presenceId);
    }

    // ---------------------------------------------------------------- helpers

    /** The staff rules on the presence as it stands, for a command that reads no staff timeline. */
    private StaffRules staffRules() {
        return new StaffRules(presenceId, new MissionDirectory(missions), staff, expulsions);
    }

    /**
     * The staff rules on the presence as it stands, its staff timeline reading the presence's events from the store
     * should it need the facts recorded before the snapshot it was loaded from.
     */
    private StaffRules staffRules(PresenceEvents events) {
        String id = presenceId;
        staff.timeline.readingFrom(() -> id == null ? List.of() : StaffTimeline.factsOf(events.of(id)));
        return staffRules();
    }

    /** The mission a command names, which must be recorded. */
    private Mission mission(String missionId) {
        return new MissionDirectory(missions).named(missionId);
    }

    /** The rules of the heads of the mission a command names, which must be recorded. */
    private MissionHeads heads(String missionId) {
        return mission(missionId).headsOfMission();
    }

    /** A deadline (a closure's, an expulsion's, a ceiling's) falls on or after the day it is set. */
    static void requireNotBefore(LocalDate date, LocalDate effectiveDate, String field) {
        if (date != null && date.isBefore(effectiveDate)) {
            throw new RuleViolation(
                    "deadline-before-effective-date",
                    field,
                    field + " " + date + " falls before the effective date " + effectiveDate);
        }
    }

    /** Aggregate creation by a presence-level command: the id and states come from the command. */
    private String initialise(String id) {
        if (presenceId == null) {
            String[] states = id.split("-");
            if (states[0].equals(states[1])) {
                throw new RuleViolation("same-state", "receivingState", "a state keeps no presence in itself: " + id);
            }
        }
        return id;
    }

    private void initialiseFrom(String id) {
        if (presenceId == null) {
            presenceId = id;
            sendingState = sendingOf(id);
            receivingState = receivingOf(id);
        }
    }

    private static CountryCode sendingOf(String presenceId) {
        return CountryCode.of(PresenceIds.sendingOf(presenceId));
    }

    private static CountryCode receivingOf(String presenceId) {
        return CountryCode.of(PresenceIds.receivingOf(presenceId));
    }
}
