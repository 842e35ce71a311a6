package org.diplomaticledger.talks.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.SourceId;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.diplomaticledger.history.api.EntryCorrected;
import org.diplomaticledger.history.api.EntryRetracted;
import org.diplomaticledger.history.api.JudgedRevision;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.RuleViolation;
import org.diplomaticledger.shared.WholeBatch;
import org.diplomaticledger.talks.api.CancelTalks;
import org.diplomaticledger.talks.api.ConcludeTalks;
import org.diplomaticledger.talks.api.DelegationMember;
import org.diplomaticledger.talks.api.DelegationNamed;
import org.diplomaticledger.talks.api.NameDelegation;
import org.diplomaticledger.talks.api.PostponeTalks;
import org.diplomaticledger.talks.api.RecordTalksHeld;
import org.diplomaticledger.talks.api.RescheduleTalks;
import org.diplomaticledger.talks.api.ReviseTalksEntry;
import org.diplomaticledger.talks.api.ScheduleTalks;
import org.diplomaticledger.talks.api.TalksCancelled;
import org.diplomaticledger.talks.api.TalksConcluded;
import org.diplomaticledger.talks.api.TalksFormat;
import org.diplomaticledger.talks.api.TalksHeld;
import org.diplomaticledger.talks.api.TalksPostponed;
import org.diplomaticledger.talks.api.TalksRescheduled;
import org.diplomaticledger.talks.api.TalksScheduled;
import org.diplomaticledger.talks.api.Venue;
import org.diplomaticledger.talks.domain.TalksTimeline.Standing;
import org.diplomaticledger.talks.domain.TalksTimeline.Step;
import org.diplomaticledger.talks.domain.TalksTimeline.TalksFact;

/**
 * One round of talks between states, from announcement to conclusion. Late or partial reports are accepted and the
 * events say what was missing (talks concluded without a report that they were held; held on another date than
 * scheduled); reports that contradict what the ledger holds are refused with a {@link RuleViolation}. Each report is
 * judged on the talks as they stood on its effective date, whatever was recorded first ({@link TalksTimeline}).
 *
 * <p>Snapshots hold this state as Jackson writes it; the revision names that shape (raise it when the fields change:
 * snapshots of another shape are not read).
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "ledgerSnapshotTrigger")
@Revision("2")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Talks {

    @AggregateIdentifier
    private String talksId;

    private List<CountryCode> parties;
    private TalksFormat format;
    /** Their announcement and every report after it, by effective date. */
    private TalksTimeline timeline = TalksTimeline.NONE;

    protected Talks() {
        // for Axon and for Jackson snapshots
    }

    /**
     * A correction or retraction of one of these talks' events, judged by the ledger's history; refused besides if it
     * moves or removes a report so that the talks break a rule they did not (a holding moved after a recorded
     * cancellation).
     */
    @CommandHandler
    void handle(ReviseTalksEntry command) {
        JudgedRevision revision = command.revision();
        if (revision.keepsItsDay()) {
            revision.record();
            return;
        }
        LocalDate movedTo = revision.movedTo();
        RuleViolation wrong = timeline.revised(revision.eventId(), movedTo, talksId);
        if (wrong != null) {
            throw wrong;
        }
        revision.record();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ScheduleTalks command) {
        if (talksId != null && !timeline.announced()) {
            throw new RuleViolation(
                    "talks-already-scheduled",
                    "talksId",
                    "the scheduling of talks '" + talksId
                            + "' was retracted; its id stays taken, choose another talksId or leave it out to have one generated");
        }
        if (talksId != null) {
            throw new RuleViolation(
                    "talks-already-scheduled",
                    "talksId",
                    "talks '" + talksId + "' are already in the ledger (scheduled for "
                            + timeline.on(command.effectiveDate(), talksId).date()
                            + "); choose another talksId or leave it out to have one generated");
        }
        List<CountryCode> requested = command.parties();
        Set<CountryCode> distinct = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            if (!distinct.add(requested.get(i))) {
                throw new RuleViolation(
                        "parties-duplicated",
                        "parties[" + i + "]",
                        "party " + requested.get(i) + " is listed more than once in " + requested);
            }
        }
        if (distinct.size() < 2) {
            throw new RuleViolation(
                    "parties-too-few", "parties", "talks need at least two distinct parties, got " + requested);
        }
        apply(new TalksScheduled(
                command.talksId(),
                requested,
                command.venue(),
                command.date(),
                command.time(),
                command.title(),
                command.scope(),
                command.excludedTopics(),
                command.format(),
                command.venue().isOutside(distinct),
                command.effectiveDate(),
                command.source()));
    }

    @CommandHandler
    public void handle(NameDelegation command) {
        refuseIfRetracted();
        if (!parties.contains(command.state())) {
            throw new RuleViolation(
                    "delegation-not-a-party",
                    "state",
                    command.state() + " is not a party to talks '" + talksId + "' (parties: " + parties + ")");
        }
        if (format == TalksFormat.DIPLOMATS_ONLY) {
            refuseNonDiplomat(command.head(), "head", command.state());
            for (int i = 0; i < command.members().size(); i++) {
                refuseNonDiplomat(command.members().get(i), "members[" + i + "]", command.state());
            }
        }
        Set<String> personIds = new HashSet<>();
        personIds.add(identity(command.head()));
        for (int i = 0; i < command.members().size(); i++) {
            DelegationMember member = command.members().get(i);
            if (!personIds.add(identity(member))) {
                throw new RuleViolation(
                        "delegation-member-repeated",
                        "members[" + i + "]",
                        member.name() + " appears more than once in the delegation of " + command.state());
            }
        }
        requireFits("DelegationNamed", command.effectiveDate(), TalksFact.delegation(command.state()));
        apply(new DelegationNamed(
                talksId,
                command.state(),
                command.head(),
                command.members(),
                timeline.delegationNamedBy(command.state(), command.effectiveDate()),
                command.effectiveDate(),
                command.source()));
    }

    @CommandHandler
    public void handle(RescheduleTalks command) {
        refuseIfRetracted();
        requireFits(
                "TalksRescheduled",
                command.effectiveDate(),
                TalksFact.setting(Step.RESCHEDULED, command.date(), command.time(), command.venue()));
        Standing then = timeline.on(command.effectiveDate(), talksId);
        Venue newVenue = command.venue() == null ? then.venue() : command.venue();
        apply(new TalksRescheduled(
                talksId,
                then.date(),
                then.time(),
                then.venue(),
                command.date(),
                command.time(),
                newVenue,
                newVenue.isOutside(parties),
                command.reason(),
                command.effectiveDate(),
                command.source()));
    }

    @CommandHandler
    public void handle(PostponeTalks command) {
        refuseIfRetracted();
        requireFits(
                "TalksPostponed",
                command.effectiveDate(),
                TalksFact.setting(Step.POSTPONED, command.newDate(), null, null));
        apply(new TalksPostponed(
                talksId,
                timeline.on(command.effectiveDate(), talksId).date(),
                command.newDate(),
                command.reason(),
                command.effectiveDate(),
                command.source()));
    }

    @CommandHandler
    public void handle(CancelTalks command) {
        refuseIfRetracted();
        requireFits("TalksCancelled", command.effectiveDate(), TalksFact.of(Step.CANCELLED));
        apply(new TalksCancelled(
                talksId,
                timeline.on(command.effectiveDate(), talksId).date(),
                command.reason(),
                command.cancelledBy(),
                command.effectiveDate(),
                command.source()));
    }

    @CommandHandler
    public void handle(RecordTalksHeld command) {
        refuseIfRetracted();
        if (command.endDate() != null && command.endDate().isBefore(command.effectiveDate())) {
            throw new RuleViolation(
                    "talks-end-before-start",
                    "endDate",
                    "talks '" + talksId + "' cannot end on " + command.endDate() + ", before they were held on "
                            + command.effectiveDate());
        }
        requireFits("TalksHeld", command.effectiveDate(), TalksFact.setting(Step.HELD, null, null, command.venue()));
        Standing then = timeline.on(command.effectiveDate(), talksId);
        Venue usedVenue = command.venue() == null ? then.venue() : command.venue();
        apply(new TalksHeld(
                talksId,
                parties,
                command.effectiveDate(),
                command.endDate(),
                usedVenue,
                usedVenue.isOutside(parties),
                then.date(),
                !command.effectiveDate().equals(then.date()),
                command.summary(),
                command.effectiveDate(),
                command.source()));
    }

    @CommandHandler
    public void handle(ConcludeTalks command) {
        refuseIfRetracted();
        requireFits("TalksConcluded", command.effectiveDate(), TalksFact.of(Step.CONCLUDED));
        apply(new TalksConcluded(
                talksId,
                parties,
                command.outcome(),
                command.statement(),
                command.followUps(),
                timeline.on(command.effectiveDate(), talksId).held(),
                command.effectiveDate(),
                command.source()));
    }

    /**
     * A report judged where it falls among the talks' reports: refused by its own rule at once, or if a report
     * recorded for a later day would then break a rule (unless a batch judged as a whole is open: then at its end).
     */
    private void requireFits(String type, LocalDate on, TalksFact fact) {
        timeline.requireFits(type, on, fact, talksId, this::contradictionSince);
    }

    @SuppressWarnings("unchecked")
    private RuleViolation contradictionSince(Object baseline) {
        return timeline.newlyBroken((Set<String>) baseline, talksId);
    }

    /** The timeline with one more report; a batch's deferred check of these talks reads this instance from now on. */
    private void place(Object event, String eventId, long sequence, LocalDate on, TalksFact fact) {
        timeline = timeline.with(eventId, event, on, sequence, fact);
        WholeBatch.refresh(talksId, this::contradictionSince);
    }

    /** A history whose first events were retracted still knows whose history it is. */
    @EventSourcingHandler
    void on(EntryRetracted event, @SourceId String aggregateId) {
        if (talksId == null) {
            talksId = aggregateId;
        }
    }

    @EventSourcingHandler
    void on(EntryCorrected event, @SourceId String aggregateId) {
        if (talksId == null) {
            talksId = aggregateId;
        }
    }

    @EventSourcingHandler
    void on(TalksScheduled event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        talksId = event.talksId();
        parties = event.parties();
        format = event.format();
        place(
                event,
                eventId,
                sequence,
                event.effectiveDate(),
                TalksFact.setting(Step.SCHEDULED, event.date(), event.time(), event.venue()));
    }

    @EventSourcingHandler
    void on(DelegationNamed event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        place(event, eventId, sequence, event.effectiveDate(), TalksFact.delegation(event.state()));
    }

    @EventSourcingHandler
    void on(TalksRescheduled event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        place(
                event,
                eventId,
                sequence,
                event.effectiveDate(),
                TalksFact.setting(Step.RESCHEDULED, event.date(), event.time(), event.venue()));
    }

    @EventSourcingHandler
    void on(TalksPostponed event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        place(
                event,
                eventId,
                sequence,
                event.effectiveDate(),
                TalksFact.setting(Step.POSTPONED, event.newDate(), null, null));
    }

    @EventSourcingHandler
    void on(TalksCancelled event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        place(event, eventId, sequence, event.effectiveDate(), TalksFact.of(Step.CANCELLED));
    }

    @EventSourcingHandler
    void on(TalksHeld event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        place(event, eventId, sequence, event.effectiveDate(), TalksFact.setting(Step.HELD, null, null, event.venue()));
    }

    @EventSourcingHandler
    void on(TalksConcluded event, @MessageIdentifier String eventId, @SequenceNumber long sequence) {
        place(event, eventId, sequence, event.effectiveDate(), TalksFact.of(Step.CONCLUDED));
    }

    /** Talks whose scheduling was retracted are no talks at all: nothing more can be recorded about them. */
    private void refuseIfRetracted() {
        if (!timeline.announced()) {
            throw new RuleViolation(
                    "unknown-aggregate",
                    "talksId",
                    "the scheduling of talks '" + talksId + "' was retracted; nothing more can be recorded about them");
        }
    }

    private void refuseNonDiplomat(DelegationMember member, String field, CountryCode state) {
        if (!member.diplomat()) {
            throw new RuleViolation(
                    "delegation-not-diplomats-only",
                    field,
                    "talks '" + talksId + "' are for diplomats only, but " + member.name()
                            + (member.title() == null ? "" : " (" + member.title() + ")")
                            + " on the delegation of " + state + " is not a diplomat");
        }
    }

    private static String identity(DelegationMember member) {
        return member.personId() != null ? member.personId() : member.name();
    }
}
