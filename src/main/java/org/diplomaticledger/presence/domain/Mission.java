package org.diplomaticledger.presence.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.command.EntityId;
import org.diplomaticledger.presence.api.*;
import org.diplomaticledger.presence.domain.HeadsTimeline.HeadFact;
import org.diplomaticledger.presence.domain.HeadsTimeline.Step;
import org.diplomaticledger.presence.domain.MissionTimeline.Change;
import org.diplomaticledger.presence.domain.MissionTimeline.MissionFact;
import org.diplomaticledger.presence.domain.MissionTimeline.Need;
import org.diplomaticledger.presence.domain.MissionTimeline.Standing;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.RuleViolation;
import org.diplomaticledger.shared.WholeBatch;

/**
 * One mission of a {@link Presence} (an embassy, a legation, a consulate, a permanent mission), an entity of that
 * aggregate: its status, its kind over time and who heads it, with the rules that need nothing but the mission (those
 * of its heads in {@link MissionHeads}). The presence finds the mission a command names (or refuses an unknown one) and
 * hands it the command; the mission's events come back to it by their {@code missionId}. Its rules read the mission as
 * it stood on the command's effective date ({@link MissionTimeline}), not as the last fact recorded left it.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
class Mission {

    @EntityId
    private String missionId;
    /** Its openings, suspensions, closures and changes of rank, and the facts that need it open, by effective date. */
    private MissionTimeline timeline = MissionTimeline.NONE;
    /** Its kind from each date on: a legation raised to an embassy keeps its id and changes its kind. */
    private Ranks ranks = Ranks.NONE;
    /** The steps of its heads' tenures and its chargés d'affaires, by effective date. */
    private HeadsTimeline heads = HeadsTimeline.NONE;

    protected Mission() {
        // for Jackson snapshots
    }

    /** The mission a {@link MissionOpened} brings into being. */
    Mission(MissionOpened event, String eventId, long sequence) {
        missionId = event.missionId();
        reopen(event, eventId, sequence);
    }

    String missionId() {
        return missionId;
    }

    /** Its kind after its last change in effective time. */
    MissionKind kind() {
        return timeline.last(missionId).kind();
    }

    /** Its status after its last change in effective time. */
    MissionStatus status() {
        return timeline.last(missionId).status();
    }

    LocalDate since() {
        return timeline.last(missionId).since();
    }

    /** The mission as it stood on a day. */
    Standing on(LocalDate day) {
        return timeline.on(day, missionId);
    }

    /**
     * The id the mission would have had, had it been opened as the kind it is now: {@code US-JP-EMBASSY-TOKYO} for
     * {@code US-JP-LEGATION-TOKYO} raised to an embassy; its own id while it is of the kind it was opened as.
     */
    String idAsItIsNow() {
        return ranks.idAsItIsNow(missionId, kind());
    }

    /** What it is now and since when, in words: "an embassy since 1906-05-26". */
    String describeKind() {
        return Ranks.article(kind()) + " since " + ranks.lastSetOn();
    }

    // ---------------------------------------------------------------- status

    /** Staff are accredited only at a mission open on the day. */
    void requireOpenOn(String action, LocalDate on) {
        timeline.requireOpen(missionId, action, on);
    }

    /**
     * Staff counted, departing or expelled at the mission on a day it had been opened by (it may have closed since:
     * staff leave a closed mission); a fact dated before its first opening would place staff where there was none.
     */
    void requireOpenedBy(LocalDate on) {
        timeline.requireOpenedBy(missionId, on);
    }

    /** A correction moving one of its facts to {@code movedTo}, or a retraction (null), that keeps its life valid. */
    void requireRevisable(String eventId, LocalDate movedTo) {
        RuleViolation wrong = timeline.revised(eventId, movedTo, missionId);
        if (wrong == null) {
            wrong = heads.revised(eventId, movedTo, missionId);
        }
        if (wrong != null) {
            throw wrong;
        }
    }

    /** Opened again, or for the first time on an earlier day than the one recorded, where that fits its life. */
    void requireOpenable(MissionKind kind, LocalDate on) {
        requireFits("MissionOpened", on, MissionFact.changing(Change.OPENED, kind));
    }

    /**
     * A step judged where it falls in the mission's life: refused by its own rule at once; a contradiction of a
     * later recorded fact refuses it too, unless a batch judged as a whole is open ({@link WholeBatch}), which then
     * checks at its end that the mission, with all the batch's facts, breaks nothing that held before.
     */
    private void requireFits(String type, LocalDate on, MissionFact fact) {
        timeline.requireFits(type, on, fact, missionId, this::contradictionSince);
    }

    @SuppressWarnings("unchecked")
    private RuleViolation contradictionSince(Object baseline) {
        return timeline.newlyBroken((Set<String>) baseline, missionId);
    }

    /** The timeline with one more fact; a batch's deferred check of this mission reads this instance from now on. */
    private void place(MissionTimeline next) {
        timeline = next;
        WholeBatch.refresh(missionId, this::contradictionSince);
    }

    void suspend(SuspendMission command) {
        requireFits("MissionSuspended", command.effectiveDate(), MissionFact.changing(Change.SUSPENDED, null));
        apply(new MissionSuspended(
                command.presenceId(), missionId, command.reason(), command.effectiveDate(), command.source()));
    }

    void resume(ResumeMission command) {
        requireFits("MissionResumed", command.effectiveDate(), MissionFact.changing(Change.RESUMED, null));
        apply(new MissionResumed(
                command.presenceId(), missionId, command.reason(), command.effectiveDate(), command.source()));
    }

    void close(CloseMission command, CountryCode sendingState, CountryCode receivingState) {
        requireFits("MissionClosed", command.effectiveDate(), MissionFact.changing(Change.CLOSED, null));
        if (command.reason() == ClosureReason.CONSENT_WITHDRAWN
                && command.decidedBy() != null
                && !command.decidedBy().equals(receivingState)) {
            throw new RuleViolation(
                    "consent-withdrawn-by-receiving-state",
                    "decidedBy",
                    "only the receiving state " + receivingState + " can withdraw its consent to a mission, not "
                            + command.decidedBy());
        }
        if (command.reason() == ClosureReason.DECISION_OF_SENDING_STATE
                && command.decidedBy() != null
                && !command.decidedBy().equals(sendingState)) {
            throw new RuleViolation(
                    "decision-of-sending-state",
                    "decidedBy",
                    "a closure by decision of the sending state is " + sendingState + "'s, not " + command.decidedBy()
                            + "'s");
        }
        Presence.requireNotBefore(command.deadline(), command.effectiveDate(), "deadline");
        CountryCode decidedBy = command.decidedBy() != null
                ? command.decidedBy()
                : command.reason() == ClosureReason.CONSENT_WITHDRAWN
                        ? receivingState
                        : command.reason() == ClosureReason.DECISION_OF_SENDING_STATE ? sendingState : null;
        apply(new MissionClosed(
                command.presenceId(),
                missionId,
                command.reason(),
                decidedBy,
                command.deadline(),
                command.note(),
                command.effectiveDate(),
                command.source()));
    }

    // ---------------------------------------------------------------- rank (VCDR Arts. 14, 15)

    /**
     * A legation raised to an embassy, or an embassy lowered to a legation, on a day the mission was open (a
     * suspended mission is open in law), from the kind it was of that day; refused if a change of rank recorded for
     * a later day would then change it to what it already is.
     */
    void changeRank(ChangeMissionRank command) {
        MissionKind to = command.kind();
        LocalDate on = command.effectiveDate();
        if (!to.isLegationOrEmbassy()) {
            throw new RuleViolation(
                    "legation-or-embassy-only",
                    "kind",
                    "a legation is raised to an embassy and an " + "embassy lowered to a legation; " + to
                            + " is neither");
        }
        requireFits("MissionRankChanged", on, MissionFact.changing(Change.RANK_CHANGED, to));
        apply(new MissionRankChanged(command.presenceId(), missionId, on(on).kind(), to, on, command.source()));
    }

    // ---------------------------------------------------------------- heads of mission (their own rules: MissionHeads)

    /** The rules of its heads' steps, on the mission as it stands now. */
    MissionHeads headsOfMission() {
        return new MissionHeads(missionId, timeline, ranks, heads, this::headsContradictionSince);
    }

    @SuppressWarnings("unchecked")
    private RuleViolation headsContradictionSince(Object baseline) {
        return heads.newlyBroken((Set<String>) baseline, missionId);
    }

    /** The heads with one more step; a batch's deferred check of them reads this instance from now on. */
    private void placeStep(Object event, String eventId, long sequence, LocalDate on, HeadFact fact) {
        heads = heads.with(eventId, event, on, sequence, fact);
        WholeBatch.refresh(HeadsTimeline.key(missionId), this::headsContradictionSince);
    }

    // ---------------------------------------------------------------- event sourcing

    /** A closed mission opened again keeps the record of its heads, and is of the kind it is opened as. */
    void reopen(MissionOpened event, String eventId, long sequence) {
        place(timeline.with(
                eventId, event, event.effectiveDate(), sequence, MissionFact.changing(Change.OPENED, event.kind())));
        ranks = ranks.opened(event.kind(), event.effectiveDate());
    }

    /** Its status stays; only its kind changes. */
    @EventSourcingHandler
    void on(MissionRankChanged event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        place(timeline.with(
                eventId,
                event,
                event.effectiveDate(),
                sequence,
                MissionFact.changing(Change.RANK_CHANGED, event.kind())));
        ranks = ranks.changed(event.kind(), event.effectiveDate());
    }

    @EventSourcingHandler
    void on(MissionSuspended event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        place(timeline.with(
                eventId, event, event.effectiveDate(), sequence, MissionFact.changing(Change.SUSPENDED, null)));
    }

    @EventSourcingHandler
    void on(MissionResumed event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        place(timeline.with(
                eventId, event, event.effectiveDate(), sequence, MissionFact.changing(Change.RESUMED, null)));
    }

    @EventSourcingHandler
    void on(MissionClosed event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        place(timeline.with(
                eventId, event, event.effectiveDate(), sequence, MissionFact.changing(Change.CLOSED, null)));
    }

    /** Staff accredited here need it open on their day, whatever is recorded later. */
    @EventSourcingHandler
    void on(DiplomatAccredited event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        place(timeline.with(eventId, event, event.effectiveDate(), sequence, MissionFact.needing(Need.OPEN)));
    }

    /** A ceiling on this mission needs it not closed on its day. */
    @EventSourcingHandler
    void on(StaffCeilingImposed event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        place(timeline.with(
                eventId, event, event.effectiveDate(), sequence, MissionFact.needing(Need.OPENED_NOT_CLOSED)));
    }

    /**
     * A step of a head of mission, placed among the heads' steps and, with what it needs of the mission on its day
     * ({@code need}, or null), in the mission's life: agrément needs it not closed (it may be sought before the mission
     * opens), the steps of a head in office opened and not closed, whatever is recorded later.
     */
    private void step(LedgerEvent event, String eventId, long sequence, Need need, HeadFact fact) {
        LocalDate on = event.effectiveDate();
        if (need != null) {
            place(timeline.with(eventId, event, on, sequence, MissionFact.needing(need)));
        }
        placeStep(event, eventId, sequence, on, fact);
    }

    @EventSourcingHandler
    void on(AgrementRequested e, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        step(e, eventId, sequence, Need.NOT_CLOSED, HeadFact.of(Step.AGREMENT_REQUESTED, e.personId(), e.name()));
    }

    @EventSourcingHandler
    void on(AgrementGranted e, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        step(e, eventId, sequence, Need.NOT_CLOSED, HeadFact.of(Step.AGREMENT_GRANTED, e.personId(), e.name()));
    }

    @EventSourcingHandler
    void on(AgrementRefused e, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        step(e, eventId, sequence, Need.NOT_CLOSED, HeadFact.of(Step.AGREMENT_REFUSED, e.personId(), e.name()));
    }

    /** Appointed again after the functions ended: a new tenure; the old agrément, credentials and end were the last one's. */
    @EventSourcingHandler
    void on(AmbassadorAppointed e, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        step(e, eventId, sequence, Need.OPENED_NOT_CLOSED, HeadFact.of(Step.APPOINTED, e.personId(), e.name()));
    }

    /** Who is succeeded is the timeline's (the head in office that day), not the event's word when it was recorded. */
    @EventSourcingHandler
    void on(CredentialsCopyPresented e, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        step(e, eventId, sequence, Need.OPENED_NOT_CLOSED, HeadFact.of(Step.COPY_PRESENTED, e.personId(), e.name()));
    }

    @EventSourcingHandler
    void on(CredentialsPresented e, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        step(
                e,
                eventId,
                sequence,
                Need.OPENED_NOT_CLOSED,
                HeadFact.of(Step.CREDENTIALS_PRESENTED, e.personId(), e.name()));
    }

    @EventSourcingHandler
    void on(AmbassadorRecalled e, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        step(e, eventId, sequence, null, new HeadFact(Step.RECALLED, e.personId(), null, e.kind()));
    }

    @EventSourcingHandler
    void on(AmbassadorReturned e, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        step(e, eventId, sequence, null, HeadFact.of(Step.RETURNED, e.personId(), null));
    }

    @EventSourcingHandler
    void on(AmbassadorshipEnded e, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        step(e, eventId, sequence, null, HeadFact.of(Step.ENDED, e.personId(), null));
    }

    @EventSourcingHandler
    void on(ChargeDAffairesAppointed e, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        step(
                e,
                eventId,
                sequence,
                Need.OPENED_NOT_CLOSED,
                HeadFact.of(Step.CHARGE_D_AFFAIRES_APPOINTED, e.personId(), e.name()));
    }

    // ---------------------------------------------------------------- helpers

    /** By value: the aggregate fixture compares the missions a command leaves with those sourced from its events. */
    @Override
    public boolean equals(Object other) {
        return this == other
                || other instanceof Mission that
                        && Objects.equals(missionId, that.missionId)
                        && Objects.equals(timeline, that.timeline)
                        && Objects.equals(ranks, that.ranks)
                        && Objects.equals(heads, that.heads);
    }

    @Override
    public int hashCode() {
        return Objects.hash(missionId, timeline, ranks, heads);
    }
}
