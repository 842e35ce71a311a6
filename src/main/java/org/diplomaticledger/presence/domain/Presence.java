package org.diplomaticledger.presence.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.annotation.SourceId;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.diplomaticledger.history.api.EntryCorrected;
import org.diplomaticledger.history.api.EntryRetracted;
import org.diplomaticledger.presence.api.*;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerEntries;
import org.diplomaticledger.shared.RuleViolation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A sending state's diplomatic presence in a receiving state ({@code RU-US}): its missions, their staff, the
 * expulsions and staff ceilings the receiving state imposed, and the heads of its missions. One aggregate, because
 * the rules cut across missions: a ceiling on the whole presence, an expulsion of staff from several missions.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "ledgerSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Presence {

    @AggregateIdentifier
    private String presenceId;
    private CountryCode sendingState;
    private CountryCode receivingState;
    private Map<String, Mission> missions = new LinkedHashMap<>();
    private StaffBook staff = new StaffBook();
    private Map<String, Expulsion> expulsions = new LinkedHashMap<>();
    /** Every ceiling ever imposed, by id; lifted or replaced ones are no longer in force. */
    private Map<String, Ceiling> ceilings = new LinkedHashMap<>();
    /** Persons this receiving state declared persona non grata (VCDR Art. 9). */
    private List<String> personaNonGrata = new ArrayList<>();

    /** What the presence's events introduce, and what identifies them besides ids and states, for corrections. */
    private static final LedgerEntries.Rules CORRECTION_RULES = new LedgerEntries.Rules(
            Map.of(MissionOpened.class, List.of("missionId"),
                    DiplomatAccredited.class, List.of("personId"),
                    DiplomatExpelled.class, List.of("expulsionId"),
                    StaffCeilingImposed.class, List.of("ceilingId"),
                    AgrementRequested.class, List.of("personId"),
                    AgrementGranted.class, List.of("personId"),
                    AmbassadorAppointed.class, List.of("personId"),
                    ChargeDAffairesAppointed.class, List.of("personId")),
            Map.of(MissionOpened.class, Set.of("kind", "city", "organisation")));

    /** This presence's events by id, for corrections and retractions. */
    @AggregateMember
    private LedgerEntries entries = new LedgerEntries();

    protected Presence() {
    }

    // ---------------------------------------------------------------- corrections

    /** Every command but another revision waits for a revised history to be loaded again; see {@link LedgerEntries}. */
    @CommandHandlerInterceptor
    Object judgedOnTheCorrectedHistory(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        if (!(command.getPayload() instanceof RevisePresenceEntry)) {
            entries.refuseIfRevisedInThisWrite();
        }
        return chain.proceed();
    }

    /** A correction or retraction of one of this presence's events; the rules are {@link LedgerEntries}'. */
    @CommandHandler
    void handle(RevisePresenceEntry command, EventStore history) {
        apply(entries.revise(command.revision(), CORRECTION_RULES, history.readEvents(presenceId, 0).asStream()));
    }

    // ---------------------------------------------------------------- missions

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(OpenMission command) {
        if (command.sendingState().equals(command.receivingState())) {
            throw new RuleViolation("same-state", "receivingState",
                    "a state keeps no mission in itself: sendingState and receivingState are both " + command.sendingState());
        }
        Mission existing = missions.get(command.missionId());
        if (existing != null && existing.status != MissionStatus.CLOSED) {
            throw new RuleViolation("mission-already-open", "city", "mission " + command.missionId() + " is already "
                    + existing.status.name().toLowerCase() + " since " + existing.since);
        }
        apply(new MissionOpened(command.presenceId(), command.missionId(), command.sendingState(), command.receivingState(),
                command.kind(), command.city(), command.organisation(), command.name(), existing != null,
                command.effectiveDate(), command.source()));
    }

    @CommandHandler
    void handle(SuspendMission command) {
        Mission mission = mission(command.missionId());
        if (mission.status != MissionStatus.OPEN) {
            throw new RuleViolation("mission-not-open", "missionId", "mission " + command.missionId() + " is "
                    + mission.status.name().toLowerCase() + ", not open: only an open mission can be suspended");
        }
        apply(new MissionSuspended(presenceId, command.missionId(), command.reason(), command.effectiveDate(), command.source()));
    }

    @CommandHandler
    void handle(ResumeMission command) {
        Mission mission = mission(command.missionId());
        if (mission.status != MissionStatus.SUSPENDED) {
            throw new RuleViolation("mission-not-suspended", "missionId", "mission " + command.missionId() + " is "
                    + mission.status.name().toLowerCase() + ", not suspended: there is nothing to resume");
        }
        apply(new MissionResumed(presenceId, command.missionId(), command.reason(), command.effectiveDate(), command.source()));
    }

    @CommandHandler
    void handle(CloseMission command) {
        Mission mission = mission(command.missionId());
        if (mission.status == MissionStatus.CLOSED) {
            throw new RuleViolation("mission-already-closed", "missionId",
                    "mission " + command.missionId() + " is already closed since " + mission.since);
        }
        if (command.reason() == ClosureReason.CONSENT_WITHDRAWN && command.decidedBy() != null
                && !command.decidedBy().equals(receivingState)) {
            throw new RuleViolation("consent-withdrawn-by-receiving-state", "decidedBy", "only the receiving state "
                    + receivingState + " can withdraw its consent to a mission, not " + command.decidedBy());
        }
        if (command.reason() == ClosureReason.DECISION_OF_SENDING_STATE && command.decidedBy() != null
                && !command.decidedBy().equals(sendingState)) {
            throw new RuleViolation("decision-of-sending-state", "decidedBy", "a closure by decision of the sending state is "
                    + sendingState + "'s, not " + command.decidedBy() + "'s");
        }
        requireNotBefore(command.deadline(), command.effectiveDate(), "deadline");
        CountryCode decidedBy = command.decidedBy() != null ? command.decidedBy()
                : command.reason() == ClosureReason.CONSENT_WITHDRAWN ? receivingState
                : command.reason() == ClosureReason.DECISION_OF_SENDING_STATE ? sendingState : null;
        apply(new MissionClosed(presenceId, command.missionId(), command.reason(), decidedBy, command.deadline(),
                command.note(), command.effectiveDate(), command.source()));
    }

    // ---------------------------------------------------------------- staff

    @CommandHandler
    void handle(AccreditDiplomat command) {
        Mission mission = openMission(command.missionId(), "accredit staff");
        if (command.category() == StaffCategory.UNSPECIFIED) {
            throw new RuleViolation("category-required", "category",
                    "a named accreditation states the category: DIPLOMATIC, ADMINISTRATIVE_TECHNICAL, SERVICE or LOCAL_HIRE");
        }
        if (personaNonGrata.contains(command.personId())) {
            throw new RuleViolation("persona-non-grata", "personId", command.personId() + " was declared persona non grata by "
                    + receivingState + " and cannot be accredited there again (VCDR Art. 9)");
        }
        if (staff.isActive(command.personId())) {
            throw new RuleViolation("already-accredited", "personId", command.personId() + " is already accredited at "
                    + staff.person(command.personId()).missionId());
        }
        for (Ceiling ceiling : ceilingsInForce(command.effectiveDate())) {
            if (ceiling.covers(mission.missionId, command.category())) {
                int headcount = staff.headcount(ceiling.missionId(), ceiling.category());
                if (headcount + 1 > ceiling.limit()) {
                    throw new RuleViolation("ceiling-exceeded", "category", "accrediting " + command.personId() + " would bring "
                            + ceiling.describeScope(presenceId) + " to " + (headcount + 1) + ", above the ceiling of "
                            + ceiling.limit() + " in force since " + ceiling.since() + " (VCDR Art. 11)");
                }
            }
        }
        apply(new DiplomatAccredited(presenceId, command.missionId(), command.personId(), command.name(), command.rank(),
                command.category(), command.effectiveDate(), command.source()));
    }

    @CommandHandler
    void handle(RecordDeparture command) {
        mission(command.missionId());
        Expulsion expulsion = null;
        if (command.expulsionId() != null) {
            expulsion = expulsions.get(command.expulsionId());
            if (expulsion == null) {
                throw new RuleViolation("unknown-expulsion", "expulsionId",
                        "no expulsion " + command.expulsionId() + " of " + presenceId + " staff is recorded");
            }
        }
        if (command.personId() != null) {
            StaffBook.Person person = staff.person(command.personId());
            if (person == null || !person.missionId().equals(command.missionId())) {
                throw new RuleViolation("not-accredited", "personId",
                        command.personId() + " is not accredited at " + command.missionId());
            }
            if (person.departed()) {
                throw new RuleViolation("already-departed", "personId", command.personId() + " has already departed");
            }
            if (expulsion == null && person.expulsionId() != null) {
                expulsion = expulsions.get(person.expulsionId());
            } else if (expulsion != null && !command.expulsionId().equals(person.expulsionId())) {
                throw new RuleViolation("not-expelled-by", "expulsionId",
                        command.personId() + " was not expelled by " + command.expulsionId());
            }
            requireNotBeforeExpulsion(expulsion, command.effectiveDate());
            apply(new DiplomatDeparted(presenceId, command.missionId(), command.personId(), person.category(),
                    expulsion == null ? null : expulsion.expulsionId(), expulsion != null && expulsion.isOverdueOn(command.effectiveDate()),
                    command.effectiveDate(), command.source()));
            return;
        }
        requireNotBeforeExpulsion(expulsion, command.effectiveDate());
        if (expulsion != null && command.count() > expulsion.countedDue()) {
            throw new RuleViolation("more-than-expelled", "count", command.count() + " departures under expulsion "
                    + expulsion.expulsionId() + ", but only " + expulsion.countedDue() + " counted staff are still due to leave");
        }
        apply(new CountedStaffDeparted(presenceId, command.missionId(), command.category(), command.count(),
                command.expulsionId(), expulsion != null && expulsion.isOverdueOn(command.effectiveDate()),
                command.effectiveDate(), command.source()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordStaffCount command) {
        String id = initialise(command.presenceId());
        if (command.missionId() != null) {
            mission(command.missionId());
        }
        apply(new StaffCountReported(id, command.missionId(), command.category(), command.headcount(),
                command.effectiveDate(), command.source()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordStaffChange command) {
        String id = initialise(command.presenceId());
        if (command.missionId() != null) {
            mission(command.missionId());
        }
        apply(new StaffCountChanged(id, command.missionId(), command.category(), command.change(), command.reason(),
                command.effectiveDate(), command.source()));
    }

    // ---------------------------------------------------------------- expulsions

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ExpelDiplomat command) {
        String id = initialise(command.presenceId());
        if (command.missionId() != null) {
            mission(command.missionId());
        }
        if (expulsions.containsKey(command.expulsionId())) {
            throw new RuleViolation("expulsion-already-recorded", "expulsionId",
                    "expulsion " + command.expulsionId() + " is already recorded");
        }
        if (command.answersExpulsionId() != null && expulsions.containsKey(command.answersExpulsionId())) {
            throw new RuleViolation("answer-in-same-direction", "answersExpulsionId", "expulsion "
                    + command.answersExpulsionId() + " was also of " + id + " staff; a reciprocal expulsion answers one "
                    + "in the opposite direction");
        }
        requireNotBefore(command.departureDeadline(), command.effectiveDate(), "departureDeadline");
        List<ExpelledPerson> persons = new ArrayList<>();
        for (int i = 0; i < command.personIds().size(); i++) {
            String personId = command.personIds().get(i);
            StaffBook.Person person = staff.person(personId);
            if (person == null || person.departed()) {
                throw new RuleViolation("not-accredited", "personIds[" + i + "]", personId + " is not on the staff of "
                        + id + (person == null ? "" : " any more: departed already"));
            }
            if (command.missionId() != null && !command.missionId().equals(person.missionId())) {
                throw new RuleViolation("not-at-mission", "personIds[" + i + "]", personId + " is accredited at "
                        + person.missionId() + ", not at " + command.missionId());
            }
            if (person.expulsionId() != null) {
                throw new RuleViolation("already-expelled", "personIds[" + i + "]", personId
                        + " was already expelled by " + person.expulsionId());
            }
            if (command.personIds().indexOf(personId) != i) {
                throw new RuleViolation("named-twice", "personIds[" + i + "]", personId + " is named twice");
            }
            persons.add(new ExpelledPerson(personId, person.name(), person.missionId(), person.category()));
        }
        apply(new DiplomatExpelled(id, command.expulsionId(), receivingOf(id), sendingOf(id), command.missionId(),
                persons, command.count(), command.count() == null ? null : command.category(), command.departureDeadline(),
                command.answersExpulsionId(), command.reason(), command.effectiveDate(), command.source()));
    }

    // ---------------------------------------------------------------- ceilings

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ImposeStaffCeiling command) {
        String id = initialise(command.presenceId());
        if (command.missionId() != null) {
            Mission mission = mission(command.missionId());
            if (mission.status == MissionStatus.CLOSED) {
                throw new RuleViolation("mission-closed", "missionId", "mission " + command.missionId() + " is closed");
            }
        }
        if (ceilings.containsKey(command.ceilingId())) {
            throw new RuleViolation("ceiling-already-recorded", "ceilingId", "ceiling " + command.ceilingId() + " is already recorded");
        }
        requireNotBefore(command.complyBy(), command.effectiveDate(), "complyBy");
        Ceiling replaced = inForceFor(command.missionId(), command.category());
        int headcount = staff.headcount(command.missionId(), command.category());
        apply(new StaffCeilingImposed(id, command.ceilingId(), receivingOf(id), command.missionId(), command.category(),
                command.limit(), command.complyBy(), headcount, Math.max(0, headcount - command.limit()),
                replaced == null ? null : replaced.ceilingId(), command.reason(), command.effectiveDate(), command.source()));
    }

    @CommandHandler
    void handle(LiftStaffCeiling command) {
        Ceiling ceiling;
        if (command.ceilingId() != null) {
            ceiling = ceilings.get(command.ceilingId());
            if (ceiling == null || !ceiling.inForce()) {
                throw new RuleViolation("no-ceiling-in-force", "ceilingId", "ceiling " + command.ceilingId()
                        + (ceiling == null ? " is not recorded for " + presenceId : " is no longer in force"));
            }
        } else {
            ceiling = inForceFor(command.missionId(), command.category());
            if (ceiling == null) {
                throw new RuleViolation("no-ceiling-in-force", command.missionId() != null ? "missionId" : "category",
                        "no ceiling is in force for " + Ceiling.describeScope(presenceId, command.missionId(), command.category()));
            }
        }
        apply(new StaffCeilingLifted(presenceId, ceiling.ceilingId(), ceiling.missionId(), ceiling.category(), command.reason(),
                command.effectiveDate(), command.source()));
    }

    // ---------------------------------------------------------------- heads of mission

    @CommandHandler
    void handle(RequestAgrement command) {
        Mission mission = embassy(command.missionId(), "request agrément");
        Headship head = currentTenure(mission, command.personId());
        if (head != null && head.agrement() == Headship.Agrement.REQUESTED) {
            throw new RuleViolation("agrement-already-requested", "personId", "agrément for " + command.personId() + " was already requested on " + head.agrementSince());
        }
        if (head != null && head.agrement() == Headship.Agrement.GRANTED) {
            throw new RuleViolation("agrement-already-granted", "personId", "agrément for " + command.personId() + " was already granted on " + head.agrementSince());
        }
        if (head != null && head.agrement() == Headship.Agrement.REFUSED) {
            throw new RuleViolation("agrement-already-refused", "personId", "agrément for " + command.personId() + " was refused on " + head.agrementSince());
        }
        apply(new AgrementRequested(presenceId, command.missionId(), command.personId(), command.name(), command.headClass(),
                command.effectiveDate(), command.source()));
    }

    @CommandHandler
    void handle(GrantAgrement command) {
        Mission mission = embassy(command.missionId(), "grant agrément");
        Headship head = currentTenure(mission, command.personId());
        refuseDecidedAgrement(head, command.personId());
        apply(new AgrementGranted(presenceId, command.missionId(), command.personId(), nameOf(head, command.name()),
                head != null && head.agrement() == Headship.Agrement.REQUESTED, command.effectiveDate(), command.source()));
    }

    @CommandHandler
    void handle(RefuseAgrement command) {
        Mission mission = embassy(command.missionId(), "refuse agrément");
        Headship head = currentTenure(mission, command.personId());
        refuseDecidedAgrement(head, command.personId());
        if (head != null && head.appointed()) {
            throw new RuleViolation("already-appointed", "personId", command.personId() + " was already appointed on "
                    + head.appointedOn() + "; agrément can no longer be refused");
        }
        apply(new AgrementRefused(presenceId, command.missionId(), command.personId(), nameOf(head, command.name()),
                command.reason(), head != null && head.agrement() == Headship.Agrement.REQUESTED, command.effectiveDate(), command.source()));
    }

    @CommandHandler
    void handle(AppointAmbassador command) {
        Mission mission = headedMission(command.missionId(), "appoint a head of mission");
        Headship head = mission.heads.get(command.personId());
        if (head != null && head.agrement() == Headship.Agrement.REFUSED) {
            throw new RuleViolation("agrement-refused", "personId", receivingState.value()
                    + " refused agrément for " + command.personId() + " on " + head.agrementSince() + " (VCDR Art. 4)");
        }
        if (head != null && head.appointed() && !head.ended()) {
            throw new RuleViolation("already-appointed", "personId", command.personId() + " was already appointed on " + head.appointedOn());
        }
        apply(new AmbassadorAppointed(presenceId, command.missionId(), command.personId(), command.name(),
                command.headClass(), head != null && head.agrement() == Headship.Agrement.GRANTED && !head.ended(),
                command.effectiveDate(), command.source()));
    }

    @CommandHandler
    void handle(PresentCredentials command) {
        Mission mission = headedMission(command.missionId(), "present credentials");
        Headship head = mission.heads.get(command.personId());
        if (head != null && head.agrement() == Headship.Agrement.REFUSED) {
            throw new RuleViolation("agrement-refused", "personId", "agrément for " + command.personId() + " was refused on " + head.agrementSince());
        }
        if (head != null && head.ended()) {
            throw new RuleViolation("ambassadorship-ended", "personId", command.personId() + "'s functions at "
                    + command.missionId() + " already ended on " + head.endedOn());
        }
        boolean appointmentReported = head != null && head.appointed();
        String predecessor = mission.currentHead != null && !mission.currentHead.equals(command.personId()) ? mission.currentHead : null;
        String name = nameOf(head, command.name());
        if (command.step() == CredentialsStep.COPY_TO_FOREIGN_MINISTRY) {
            if (head != null && (head.copyPresentedOn() != null || head.credentialsPresentedOn() != null)) {
                throw new RuleViolation("credentials-already-presented", "step", command.personId() + " already took up functions on "
                        + (head.copyPresentedOn() != null ? head.copyPresentedOn() : head.credentialsPresentedOn()));
            }
            apply(new CredentialsCopyPresented(presenceId, command.missionId(), command.personId(), name,
                    appointmentReported, predecessor, command.effectiveDate(), command.source()));
        } else {
            if (head != null && head.credentialsPresentedOn() != null) {
                throw new RuleViolation("credentials-already-presented", "step", command.personId()
                        + " already presented credentials to the head of state on " + head.credentialsPresentedOn());
            }
            boolean startsHere = head == null || head.copyPresentedOn() == null;
            apply(new CredentialsPresented(presenceId, command.missionId(), command.personId(), name, appointmentReported,
                    startsHere, startsHere ? predecessor : null, command.effectiveDate(), command.source()));
        }
    }

    @CommandHandler
    void handle(RecallAmbassador command) {
        Mission mission = mission(command.missionId());
        Headship head = headInOffice(mission, command.personId());
        if (head.recall() != null) {
            throw new RuleViolation("already-recalled", "personId", command.personId() + " was already recalled "
                    + head.recall().name().toLowerCase().replace('_', ' ') + " on " + head.recalledOn());
        }
        apply(new AmbassadorRecalled(presenceId, command.missionId(), command.personId(), command.kind(), command.reason(),
                command.effectiveDate(), command.source()));
    }

    @CommandHandler
    void handle(ReturnAmbassador command) {
        Mission mission = mission(command.missionId());
        Headship head = headInOffice(mission, command.personId());
        if (head.recall() == null) {
            throw new RuleViolation("not-recalled", "personId", command.personId() + " is not recalled");
        }
        if (head.recall() == RecallKind.FOR_GOOD) {
            throw new RuleViolation("recalled-for-good", "personId", command.personId() + " was recalled for good on "
                    + head.recalledOn() + "; a return needs a new appointment");
        }
        apply(new AmbassadorReturned(presenceId, command.missionId(), command.personId(), command.effectiveDate(), command.source()));
    }

    @CommandHandler
    void handle(EndAmbassadorship command) {
        Mission mission = mission(command.missionId());
        Headship head = mission.heads.get(command.personId());
        if (head == null || !(head.appointed() || head.functionsStarted())) {
            throw new RuleViolation("not-appointed", "personId", command.personId() + " is not recorded as head of " + command.missionId());
        }
        if (head.ended()) {
            throw new RuleViolation("ambassadorship-already-ended", "personId", command.personId() + "'s functions already ended on " + head.endedOn());
        }
        apply(new AmbassadorshipEnded(presenceId, command.missionId(), command.personId(), command.reason(),
                command.effectiveDate(), command.source()));
    }

    @CommandHandler
    void handle(AppointChargeDAffaires command) {
        Mission mission = headedMission(command.missionId(), "appoint a chargé d'affaires");
        String absentHead = null;
        if (mission.currentHead != null) {
            Headship head = mission.heads.get(mission.currentHead);
            if (head.recall() == null) {
                throw new RuleViolation("head-of-mission-present", "missionId", mission.currentHead + " heads "
                        + command.missionId() + " since " + head.functionsSince() + "; a chargé d'affaires ad interim acts "
                        + "only while the post is vacant or the head cannot act (VCDR Art. 19)");
            }
            absentHead = mission.currentHead;
        }
        if (command.personId().equals(mission.chargeDAffaires)) {
            throw new RuleViolation("already-charge-d-affaires", "personId", command.personId() + " is already chargé d'affaires a.i.");
        }
        apply(new ChargeDAffairesAppointed(presenceId, command.missionId(), command.personId(), command.name(),
                command.rank(), absentHead, command.effectiveDate(), command.source()));
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

    @EventSourcingHandler
    void on(MissionOpened event) {
        presenceId = event.presenceId();
        sendingState = event.sendingState();
        receivingState = event.receivingState();
        Mission mission = missions.computeIfAbsent(event.missionId(), id -> new Mission());
        mission.missionId = event.missionId();
        mission.kind = event.kind();
        mission.status = MissionStatus.OPEN;
        mission.since = event.effectiveDate();
    }

    @EventSourcingHandler
    void on(MissionSuspended event) {
        setStatus(event.missionId(), MissionStatus.SUSPENDED, event.effectiveDate());
    }

    @EventSourcingHandler
    void on(MissionResumed event) {
        setStatus(event.missionId(), MissionStatus.OPEN, event.effectiveDate());
    }

    @EventSourcingHandler
    void on(MissionClosed event) {
        setStatus(event.missionId(), MissionStatus.CLOSED, event.effectiveDate());
        ceilings.replaceAll((id, ceiling) -> event.missionId().equals(ceiling.missionId()) ? ceiling.lifted() : ceiling);
    }

    @EventSourcingHandler
    void on(DiplomatAccredited event) {
        staff.accredit(event.personId(), event.missionId(), event.name(), event.category());
    }

    @EventSourcingHandler
    void on(DiplomatDeparted event) {
        staff.depart(event.personId());
        if (event.expulsionId() != null) {
            expulsions.put(event.expulsionId(), expulsions.get(event.expulsionId()).departed(event.personId()));
        }
    }

    @EventSourcingHandler
    void on(CountedStaffDeparted event) {
        staff.addUnnamed(event.missionId(), event.category(), -event.count());
        if (event.expulsionId() != null) {
            expulsions.put(event.expulsionId(), expulsions.get(event.expulsionId()).departed(event.count()));
        }
    }

    @EventSourcingHandler
    void on(StaffCountReported event) {
        initialiseFrom(event.presenceId());
        staff.report(event.missionId(), event.category(), event.headcount());
    }

    @EventSourcingHandler
    void on(StaffCountChanged event) {
        initialiseFrom(event.presenceId());
        staff.addUnnamed(event.missionId(), event.category(), event.change());
    }

    @EventSourcingHandler
    void on(DiplomatExpelled event) {
        initialiseFrom(event.presenceId());
        List<String> namedDue = new ArrayList<>();
        for (ExpelledPerson person : event.persons()) {
            namedDue.add(person.personId());
            staff.expel(person.personId(), event.expulsionId());
            if (!personaNonGrata.contains(person.personId())) {
                personaNonGrata.add(person.personId());
            }
        }
        expulsions.put(event.expulsionId(), new Expulsion(event.expulsionId(), event.effectiveDate(),
                event.departureDeadline(), namedDue, event.count() == null ? 0 : event.count()));
    }

    @EventSourcingHandler
    void on(StaffCeilingImposed event) {
        initialiseFrom(event.presenceId());
        if (event.replacesCeilingId() != null) {
            ceilings.put(event.replacesCeilingId(), ceilings.get(event.replacesCeilingId()).lifted());
        }
        ceilings.put(event.ceilingId(), new Ceiling(event.ceilingId(), event.missionId(), event.category(), event.limit(),
                event.effectiveDate(), true));
    }

    @EventSourcingHandler
    void on(StaffCeilingLifted event) {
        ceilings.put(event.ceilingId(), ceilings.get(event.ceilingId()).lifted());
    }

    @EventSourcingHandler
    void on(AgrementRequested event) {
        newTenure(event.missionId(), event.personId(), event.name(),
                head -> head.withAgrement(Headship.Agrement.REQUESTED, event.effectiveDate()));
    }

    @EventSourcingHandler
    void on(AgrementGranted event) {
        newTenure(event.missionId(), event.personId(), event.name(),
                head -> head.withAgrement(Headship.Agrement.GRANTED, event.effectiveDate()));
    }

    @EventSourcingHandler
    void on(AgrementRefused event) {
        newTenure(event.missionId(), event.personId(), event.name(),
                head -> head.withAgrement(Headship.Agrement.REFUSED, event.effectiveDate()));
    }

    @EventSourcingHandler
    void on(AmbassadorAppointed event) {
        // appointed again after the functions ended: a new tenure; the old agrément, credentials and end were the last one's
        newTenure(event.missionId(), event.personId(), event.name(), head -> head.appointedOn(event.effectiveDate()));
    }

    @EventSourcingHandler
    void on(CredentialsCopyPresented event) {
        updateHeadship(event.missionId(), event.personId(),
                head -> head.named(event.name()).copyPresentedOn(event.effectiveDate()));
        takeUpFunctions(event.missionId(), event.personId(), event.predecessorPersonId(), event.effectiveDate());
    }

    @EventSourcingHandler
    void on(CredentialsPresented event) {
        updateHeadship(event.missionId(), event.personId(),
                head -> head.named(event.name()).credentialsPresentedOn(event.effectiveDate()));
        if (event.functionsStartHere()) {
            takeUpFunctions(event.missionId(), event.personId(), event.predecessorPersonId(), event.effectiveDate());
        }
    }

    @EventSourcingHandler
    void on(AmbassadorRecalled event) {
        updateHeadship(event.missionId(), event.personId(), head -> head.recalled(event.kind(), event.effectiveDate()));
    }

    @EventSourcingHandler
    void on(AmbassadorReturned event) {
        updateHeadship(event.missionId(), event.personId(), head -> head.recalled(null, null));
        Mission mission = missions.get(event.missionId());
        mission.chargeDAffaires = null;
    }

    @EventSourcingHandler
    void on(AmbassadorshipEnded event) {
        updateHeadship(event.missionId(), event.personId(), head -> head.endedOn(event.effectiveDate()));
        Mission mission = missions.get(event.missionId());
        if (event.personId().equals(mission.currentHead)) {
            mission.currentHead = null;
        }
    }

    @EventSourcingHandler
    void on(ChargeDAffairesAppointed event) {
        missions.get(event.missionId()).chargeDAffaires = event.personId();
    }

    // ---------------------------------------------------------------- helpers

    private void takeUpFunctions(String missionId, String personId, String predecessor, LocalDate on) {
        Mission mission = missions.get(missionId);
        if (predecessor != null) {
            mission.heads.put(predecessor, mission.heads.get(predecessor).endedOn(on));
        }
        mission.currentHead = personId;
        mission.chargeDAffaires = null;
    }

    /** The person's headship at the mission, unless it ended: an ended one belongs to an earlier tenure. */
    private static Headship currentTenure(Mission mission, String personId) {
        Headship head = mission.heads.get(personId);
        return head == null || head.ended() ? null : head;
    }

    /** Replaces the person's headship at the mission by what the change makes of it, a blank one if none is known. */
    private void updateHeadship(String missionId, String personId, java.util.function.UnaryOperator<Headship> change) {
        Map<String, Headship> heads = missions.get(missionId).heads;
        heads.put(personId, change.apply(heads.getOrDefault(personId, Headship.NONE)));
    }

    /** Changes the person's current tenure, a fresh one (keeping only the name) when the last tenure ended. */
    private void newTenure(String missionId, String personId, String name,
                           java.util.function.UnaryOperator<Headship> change) {
        Map<String, Headship> heads = missions.get(missionId).heads;
        if (heads.containsKey(personId) && heads.get(personId).ended()) {
            String known = heads.remove(personId).name();
            heads.put(personId, Headship.NONE.named(known));
        }
        updateHeadship(missionId, personId, head -> change.apply(head.named(name)));
    }

    private Mission embassy(String missionId, String action) {
        Mission mission = headedMission(missionId, action);
        if (mission.kind != MissionKind.EMBASSY) {
            throw new RuleViolation("agrement-only-for-embassies", "missionId", "agrément is given for the head of an "
                    + "embassy (VCDR Art. 4); " + missionId + " is a " + mission.kind);
        }
        return mission;
    }

    private void setStatus(String missionId, MissionStatus status, LocalDate since) {
        Mission mission = missions.get(missionId);
        mission.status = status;
        mission.since = since;
    }

    private Mission mission(String missionId) {
        Mission mission = missions.get(missionId);
        if (mission == null) {
            throw new RuleViolation("unknown-mission", "missionId", "no mission " + missionId + " is recorded; open it first");
        }
        return mission;
    }

    private Mission openMission(String missionId, String action) {
        Mission mission = mission(missionId);
        if (mission.status != MissionStatus.OPEN) {
            throw new RuleViolation("mission-not-open", "missionId", "cannot " + action + " at " + missionId + ": it is "
                    + mission.status.name().toLowerCase() + " since " + mission.since);
        }
        return mission;
    }

    private Mission headedMission(String missionId, String action) {
        Mission mission = mission(missionId);
        if (mission.status == MissionStatus.CLOSED) {
            throw new RuleViolation("mission-not-open", "missionId", "cannot " + action + " at " + missionId
                    + ": it is closed since " + mission.since);
        }
        if (!mission.kind.hasHeadOfMission()) {
            throw new RuleViolation("no-head-of-mission-here", "missionId", missionId + " is a " + mission.kind
                    + "; heads of mission lead embassies and permanent missions");
        }
        return mission;
    }

    private Headship headInOffice(Mission mission, String personId) {
        Headship head = mission.heads.get(personId);
        if (head == null || head.ended() || !(head.appointed() || head.functionsStarted())) {
            throw new RuleViolation("not-in-office", "personId", personId + " does not head " + mission.missionId
                    + (head != null && head.ended() ? ": functions ended on " + head.endedOn() : ""));
        }
        return head;
    }

    private static void refuseDecidedAgrement(Headship head, String personId) {
        if (head != null && head.agrement() == Headship.Agrement.GRANTED) {
            throw new RuleViolation("agrement-already-granted", "personId", "agrément for " + personId + " was already granted on " + head.agrementSince());
        }
        if (head != null && head.agrement() == Headship.Agrement.REFUSED) {
            throw new RuleViolation("agrement-already-refused", "personId", "agrément for " + personId + " was already refused on " + head.agrementSince());
        }
    }

    private static String nameOf(Headship head, String given) {
        return given != null ? given : head == null ? null : head.name();
    }

    /**
     * A departure under an expulsion cannot take effect before the expulsion did: read in effective order (as time
     * travel reads the ledger) it would leave before it was told to, and be counted under no expulsion.
     */
    private static void requireNotBeforeExpulsion(Expulsion expulsion, LocalDate departure) {
        if (expulsion != null && expulsion.effectiveDate() != null && departure.isBefore(expulsion.effectiveDate())) {
            throw new RuleViolation("departure-before-expulsion", "effectiveDate", "a departure under expulsion "
                    + expulsion.expulsionId() + " cannot take effect on " + departure + ", before the expulsion took effect on "
                    + expulsion.effectiveDate() + "; record a departure before it without the expulsion, or correct a date");
        }
    }

    private static void requireNotBefore(LocalDate date, LocalDate effectiveDate, String field) {
        if (date != null && date.isBefore(effectiveDate)) {
            throw new RuleViolation("deadline-before-effective-date", field, field + " " + date
                    + " falls before the effective date " + effectiveDate);
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
        return CountryCode.of(presenceId.substring(0, 2));
    }

    private static CountryCode receivingOf(String presenceId) {
        return CountryCode.of(presenceId.substring(3, 5));
    }

    private List<Ceiling> ceilingsInForce(LocalDate on) {
        List<Ceiling> result = new ArrayList<>();
        for (Ceiling ceiling : ceilings.values()) {
            if (ceiling.inForce() && !ceiling.since().isAfter(on)) {
                result.add(ceiling);
            }
        }
        return result;
    }

    private Ceiling inForceFor(String missionId, StaffCategory category) {
        for (Ceiling ceiling : ceilings.values()) {
            if (ceiling.isInForceFor(missionId, category)) {
                return ceiling;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- state

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Mission {
        String missionId;
        MissionKind kind;
        MissionStatus status;
        LocalDate since;
        Map<String, Headship> heads = new LinkedHashMap<>();
        /** The head who took up functions and has not ended them. */
        String currentHead;
        String chargeDAffaires;

        /** Value equality, so that the AggregateTestFixture can compare this state with the state sourced from the events. */
        @Override
        public boolean equals(Object other) {
            return this == other || other instanceof Mission that
                    && java.util.Objects.equals(missionId, that.missionId)
                    && java.util.Objects.equals(kind, that.kind)
                    && java.util.Objects.equals(status, that.status)
                    && java.util.Objects.equals(since, that.since)
                    && java.util.Objects.equals(heads, that.heads)
                    && java.util.Objects.equals(currentHead, that.currentHead)
                    && java.util.Objects.equals(chargeDAffaires, that.chargeDAffaires);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(missionId, kind, status, since, heads, currentHead, chargeDAffaires);
        }
    }
}
