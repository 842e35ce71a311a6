package org.diplomaticledger.presence.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.EntityId;
import org.diplomaticledger.presence.api.*;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.RuleViolation;

import java.time.LocalDate;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One mission of a {@link Presence} (an embassy, a legation, a consulate, a permanent mission), an entity of that
 * aggregate: its status, its kind over time and who heads it, with the rules that need nothing but the mission. The
 * presence finds the mission a command names (or refuses an unknown one) and hands it the command; the mission's
 * events come back to it by their {@code missionId}.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class Mission {

    @EntityId
    private String missionId;
    private State state;
    /** Its kind from each date on: a legation raised to an embassy keeps its id and changes its kind. */
    private Ranks ranks = Ranks.NONE;
    private Heads heads = Heads.NONE;

    /** Where a mission stands; replaced by each event that changes it. */
    record State(MissionKind kind, MissionStatus status, LocalDate since) {
    }

    protected Mission() {
        // for Jackson snapshots
    }

    /** The mission a {@link MissionOpened} brings into being. */
    Mission(MissionOpened event) {
        missionId = event.missionId();
        reopen(event);
    }

    String missionId() {
        return missionId;
    }

    MissionKind kind() {
        return state.kind();
    }

    MissionStatus status() {
        return state.status();
    }

    LocalDate since() {
        return state.since();
    }

    /**
     * The id the mission would have had, had it been opened as the kind it is now: {@code US-JP-EMBASSY-TOKYO} for
     * {@code US-JP-LEGATION-TOKYO} raised to an embassy; its own id while it is of the kind it was opened as.
     */
    String idAsItIsNow() {
        MissionKind openedAs = ranks.lastOpening().kind();
        if (openedAs == kind()) {
            return missionId;
        }
        String presence = PresenceIds.presenceOfMission(missionId);
        return presence + "-" + kind().idPart() + missionId.substring(presence.length() + 1 + openedAs.idPart().length());
    }

    /** What it is now and since when, in words: "an embassy since 1906-05-26". */
    String describeKind() {
        return article(kind()) + " since " + ranks.lastSetOn();
    }

    // ---------------------------------------------------------------- status

    /** Staff are accredited, and so on, only at an open mission. */
    void requireOpen(String action) {
        if (status() != MissionStatus.OPEN) {
            throw new RuleViolation("mission-not-open", "missionId", "cannot " + action + " at " + missionId + ": it is "
                    + status().name().toLowerCase() + " since " + since());
        }
    }

    void suspend(SuspendMission command) {
        if (status() != MissionStatus.OPEN) {
            throw new RuleViolation("mission-not-open", "missionId", "mission " + missionId + " is "
                    + status().name().toLowerCase() + ", not open: only an open mission can be suspended");
        }
        apply(new MissionSuspended(command.presenceId(), missionId, command.reason(), command.effectiveDate(),
                command.source()));
    }

    void resume(ResumeMission command) {
        if (status() != MissionStatus.SUSPENDED) {
            throw new RuleViolation("mission-not-suspended", "missionId", "mission " + missionId + " is "
                    + status().name().toLowerCase() + ", not suspended: there is nothing to resume");
        }
        apply(new MissionResumed(command.presenceId(), missionId, command.reason(), command.effectiveDate(),
                command.source()));
    }

    void close(CloseMission command, CountryCode sendingState, CountryCode receivingState) {
        if (status() == MissionStatus.CLOSED) {
            throw new RuleViolation("mission-already-closed", "missionId",
                    "mission " + missionId + " is already closed since " + since());
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
        Presence.requireNotBefore(command.deadline(), command.effectiveDate(), "deadline");
        CountryCode decidedBy = command.decidedBy() != null ? command.decidedBy()
                : command.reason() == ClosureReason.CONSENT_WITHDRAWN ? receivingState
                : command.reason() == ClosureReason.DECISION_OF_SENDING_STATE ? sendingState : null;
        apply(new MissionClosed(command.presenceId(), missionId, command.reason(), decidedBy, command.deadline(),
                command.note(), command.effectiveDate(), command.source()));
    }

    // ---------------------------------------------------------------- rank (VCDR Arts. 14, 15)

    /**
     * A legation raised to an embassy, or an embassy lowered to a legation, on a day the mission was open (a
     * suspended mission is open in law). The rules judge facts in the order they are recorded, so a change dated
     * before the mission's latest opening or change of rank is refused rather than slipped in before it: the kind
     * the write side holds and the one the reads fold in effective order would part.
     */
    void changeRank(ChangeMissionRank command) {
        MissionKind to = command.kind();
        LocalDate on = command.effectiveDate();
        if (!to.isLegationOrEmbassy()) {
            throw new RuleViolation("legation-or-embassy-only", "kind", "a legation is raised to an embassy and an "
                    + "embassy lowered to a legation; " + to + " is neither");
        }
        if (!kind().isLegationOrEmbassy()) {
            throw new RuleViolation("legation-or-embassy-only", "missionId", missionId + " is a " + kind()
                    + "; only a legation is raised to an embassy, and only an embassy lowered to a legation");
        }
        LocalDate opened = ranks.lastOpening().from();
        if (on.isBefore(opened)) {
            throw new RuleViolation("mission-not-open", "effectiveDate", missionId + " was not open on " + on
                    + ": it opened on " + opened);
        }
        if (status() == MissionStatus.CLOSED && !on.isBefore(since())) {
            throw new RuleViolation("mission-not-open", "effectiveDate", missionId + " was not open on " + on
                    + ": it is closed since " + since());
        }
        if (on.isBefore(ranks.lastSetOn())) {
            throw new RuleViolation("rank-change-out-of-order", "effectiveDate", missionId + " is " + describeKind()
                    + "; a change of its rank dated " + on + ", before that, cannot be recorded after it");
        }
        if (to == kind()) {
            throw new RuleViolation("same-rank", "kind", missionId + " is already " + describeKind());
        }
        apply(new MissionRankChanged(command.presenceId(), missionId, kind(), to, on, command.source()));
    }

    // ---------------------------------------------------------------- heads of mission (each tenure's own rules: Heads)

    void requestAgrement(RequestAgrement command) {
        requireEmbassy("request agrément");
        heads.requireAgrementRequestable(command.personId());
        apply(new AgrementRequested(command.presenceId(), missionId, command.personId(), command.name(),
                classOrDefault(command.headClass(), command.effectiveDate()), command.effectiveDate(), command.source()));
    }

    void grantAgrement(GrantAgrement command) {
        requireEmbassy("grant agrément");
        heads.requireAgrementUndecided(command.personId());
        Headship head = heads.currentTenure(command.personId());
        apply(new AgrementGranted(command.presenceId(), missionId, command.personId(), head.nameOr(command.name()),
                head.agrement() == Headship.Agrement.REQUESTED, command.effectiveDate(), command.source()));
    }

    void refuseAgrement(RefuseAgrement command) {
        requireEmbassy("refuse agrément");
        heads.requireAgrementRefusable(command.personId());
        Headship head = heads.currentTenure(command.personId());
        apply(new AgrementRefused(command.presenceId(), missionId, command.personId(), head.nameOr(command.name()),
                command.reason(), head.agrement() == Headship.Agrement.REQUESTED, command.effectiveDate(),
                command.source()));
    }

    void appointAmbassador(AppointAmbassador command, CountryCode receivingState) {
        requireHeaded("appoint a head of mission");
        heads.requireAppointable(command.personId(), receivingState);
        boolean agrementReported = heads.currentTenure(command.personId()).agrement() == Headship.Agrement.GRANTED;
        apply(new AmbassadorAppointed(command.presenceId(), missionId, command.personId(), command.name(),
                classOrDefault(command.headClass(), command.effectiveDate()), agrementReported, command.effectiveDate(),
                command.source()));
    }

    /** Either step of VCDR Art. 13; functions start with whichever comes first. */
    void presentCredentials(PresentCredentials command) {
        requireHeaded("present credentials");
        heads.requireCredentialsPresentable(command.personId(), command.step(), missionId);
        Headship head = heads.currentTenure(command.personId());
        String predecessor = heads.predecessorOf(command.personId());
        if (command.step() == CredentialsStep.COPY_TO_FOREIGN_MINISTRY) {
            apply(new CredentialsCopyPresented(command.presenceId(), missionId, command.personId(),
                    head.nameOr(command.name()), head.appointed(), predecessor, command.effectiveDate(),
                    command.source()));
        } else {
            boolean startsHere = head.copyPresentedOn() == null;
            apply(new CredentialsPresented(command.presenceId(), missionId, command.personId(),
                    head.nameOr(command.name()), head.appointed(), startsHere, startsHere ? predecessor : null,
                    command.effectiveDate(), command.source()));
        }
    }

    void recallAmbassador(RecallAmbassador command) {
        heads.requireRecallable(command.personId(), missionId);
        apply(new AmbassadorRecalled(command.presenceId(), missionId, command.personId(), command.kind(),
                command.reason(), command.effectiveDate(), command.source()));
    }

    void returnAmbassador(ReturnAmbassador command) {
        heads.requireReturnable(command.personId(), missionId);
        apply(new AmbassadorReturned(command.presenceId(), missionId, command.personId(), command.effectiveDate(),
                command.source()));
    }

    void endAmbassadorship(EndAmbassadorship command) {
        heads.requireEndable(command.personId(), missionId);
        apply(new AmbassadorshipEnded(command.presenceId(), missionId, command.personId(), command.reason(),
                command.effectiveDate(), command.source()));
    }

    void appointChargeDAffaires(AppointChargeDAffaires command) {
        requireHeaded("appoint a chargé d'affaires");
        heads.requireChargeDAffairesAppointable(command.personId(), missionId);
        apply(new ChargeDAffairesAppointed(command.presenceId(), missionId, command.personId(), command.name(),
                command.rank(), heads.current(), command.effectiveDate(), command.source()));
    }

    // ---------------------------------------------------------------- event sourcing

    /** A closed mission opened again keeps the record of its heads, and is of the kind it is opened as. */
    void reopen(MissionOpened event) {
        state = new State(event.kind(), MissionStatus.OPEN, event.effectiveDate());
        ranks = ranks.opened(event.kind(), event.effectiveDate());
    }

    /** Its status stays; only its kind changes. */
    @EventSourcingHandler
    void on(MissionRankChanged event) {
        state = new State(event.kind(), status(), since());
        ranks = ranks.changed(event.kind(), event.effectiveDate());
    }

    @EventSourcingHandler
    void on(MissionSuspended event) {
        state = new State(kind(), MissionStatus.SUSPENDED, event.effectiveDate());
    }

    @EventSourcingHandler
    void on(MissionResumed event) {
        state = new State(kind(), MissionStatus.OPEN, event.effectiveDate());
    }

    @EventSourcingHandler
    void on(MissionClosed event) {
        state = new State(kind(), MissionStatus.CLOSED, event.effectiveDate());
    }

    @EventSourcingHandler
    void on(AgrementRequested event) {
        heads = heads.newTenure(event.personId(), event.name(),
                head -> head.withAgrement(Headship.Agrement.REQUESTED, event.effectiveDate()));
    }

    @EventSourcingHandler
    void on(AgrementGranted event) {
        heads = heads.newTenure(event.personId(), event.name(),
                head -> head.withAgrement(Headship.Agrement.GRANTED, event.effectiveDate()));
    }

    @EventSourcingHandler
    void on(AgrementRefused event) {
        heads = heads.newTenure(event.personId(), event.name(),
                head -> head.withAgrement(Headship.Agrement.REFUSED, event.effectiveDate()));
    }

    /** Appointed again after the functions ended: a new tenure; the old agrément, credentials and end were the last one's. */
    @EventSourcingHandler
    void on(AmbassadorAppointed event) {
        heads = heads.newTenure(event.personId(), event.name(), head -> head.appointedOn(event.effectiveDate()));
    }

    @EventSourcingHandler
    void on(CredentialsCopyPresented event) {
        heads = heads.update(event.personId(), head -> head.named(event.name()).copyPresentedOn(event.effectiveDate()))
                .takenUpBy(event.personId(), event.predecessorPersonId(), event.effectiveDate());
    }

    @EventSourcingHandler
    void on(CredentialsPresented event) {
        heads = heads.update(event.personId(),
                head -> head.named(event.name()).credentialsPresentedOn(event.effectiveDate()));
        if (event.functionsStartHere()) {
            heads = heads.takenUpBy(event.personId(), event.predecessorPersonId(), event.effectiveDate());
        }
    }

    @EventSourcingHandler
    void on(AmbassadorRecalled event) {
        heads = heads.update(event.personId(), head -> head.recalled(event.kind(), event.effectiveDate()));
    }

    @EventSourcingHandler
    void on(AmbassadorReturned event) {
        heads = heads.returned(event.personId());
    }

    @EventSourcingHandler
    void on(AmbassadorshipEnded event) {
        heads = heads.endedFor(event.personId(), event.effectiveDate());
    }

    @EventSourcingHandler
    void on(ChargeDAffairesAppointed event) {
        heads = heads.withChargeDAffaires(event.personId());
    }

    // ---------------------------------------------------------------- helpers

    /** Heads of mission lead embassies, legations and permanent missions that are not closed. */
    private void requireHeaded(String action) {
        if (status() == MissionStatus.CLOSED) {
            throw new RuleViolation("mission-not-open", "missionId", "cannot " + action + " at " + missionId
                    + ": it is closed since " + since());
        }
        if (!kind().hasHeadOfMission()) {
            throw new RuleViolation("no-head-of-mission-here", "missionId", missionId + " is a " + kind()
                    + "; heads of mission lead embassies, legations and permanent missions");
        }
    }

    /** Agrément is for the head of an embassy or a legation, not of a mission to an organisation. */
    private void requireEmbassy(String action) {
        requireHeaded(action);
        if (!kind().isLegationOrEmbassy()) {
            throw new RuleViolation("agrement-only-for-embassies", "missionId", "agrément is given for the head of an "
                    + "embassy or a legation (VCDR Art. 4); " + missionId + " is a " + kind());
        }
    }

    /**
     * The class of head given, else the one the mission's kind on that day calls for: an envoy for a legation, an
     * ambassador otherwise (VCDR Art. 14). A head keeps the class of their appointment when the mission's rank
     * changes: an envoy in office at a legation raised to an embassy stays an envoy until an ambassador is accredited.
     */
    private HeadOfMissionClass classOrDefault(HeadOfMissionClass given, LocalDate on) {
        if (given != null) {
            return given;
        }
        return ranks.on(on) == MissionKind.LEGATION ? HeadOfMissionClass.ENVOY : HeadOfMissionClass.AMBASSADOR;
    }

    private static String article(MissionKind kind) {
        String words = kind.name().toLowerCase().replace('_', ' ');
        return (words.startsWith("e") ? "an " : "a ") + words;
    }

    /** By value: the aggregate fixture compares the missions a command leaves with those sourced from its events. */
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Mission that && Objects.equals(missionId, that.missionId)
                && Objects.equals(state, that.state) && Objects.equals(ranks, that.ranks)
                && Objects.equals(heads, that.heads);
    }

    @Override
    public int hashCode() {
        return Objects.hash(missionId, state, ranks, heads);
    }
}
