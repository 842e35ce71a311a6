package org.diplomaticledger.talks.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.SourceId;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.diplomaticledger.history.api.EntryCorrected;
import org.diplomaticledger.history.api.EntryRetracted;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.RuleViolation;
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

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One round of talks between states, from announcement to conclusion. Late or partial reports are accepted and the
 * events say what was missing (talks concluded without a report that they were held; held on another date than
 * scheduled); reports that contradict what the ledger holds are refused with a {@link RuleViolation}.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "ledgerSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Talks {

    @AggregateIdentifier
    private String talksId;
    private TalksStatus status;
    private List<CountryCode> parties;
    private TalksFormat format;
    private LocalDate date;
    private LocalTime time;
    private Venue venue;
    private Set<CountryCode> delegationsNamed;
    private boolean held;

    protected Talks() {
        // for Axon and for Jackson snapshots
    }

    /** A correction or retraction of one of these talks' events, judged by the ledger's history: recorded as it is. */
    @CommandHandler
    void handle(ReviseTalksEntry command) {
        command.revision().record();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ScheduleTalks command) {
        if (talksId != null && date == null) {
            throw new RuleViolation("talks-already-scheduled", "talksId", "the scheduling of talks '" + talksId
                    + "' was retracted; its id stays taken, choose another talksId or leave it out to have one generated");
        }
        if (talksId != null) {
            throw new RuleViolation("talks-already-scheduled", "talksId",
                    "talks '" + talksId + "' are already in the ledger (scheduled for " + date
                            + "); choose another talksId or leave it out to have one generated");
        }
        List<CountryCode> requested = command.parties();
        Set<CountryCode> distinct = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            if (!distinct.add(requested.get(i))) {
                throw new RuleViolation("parties-duplicated", "parties[" + i + "]",
                        "party " + requested.get(i) + " is listed more than once in " + requested);
            }
        }
        if (distinct.size() < 2) {
            throw new RuleViolation("parties-too-few", "parties",
                    "talks need at least two distinct parties, got " + requested);
        }
        apply(new TalksScheduled(command.talksId(), requested, command.venue(), command.date(), command.time(),
                command.title(), command.scope(), command.excludedTopics(), command.format(),
                command.venue().isOutside(distinct), command.effectiveDate(), command.source()));
    }

    @CommandHandler
    public void handle(NameDelegation command) {
        refuseIfRetracted();
        refuseIfCancelled("take delegations");
        refuseIfConcluded("take delegations");
        if (!parties.contains(command.state())) {
            throw new RuleViolation("delegation-not-a-party", "state",
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
                throw new RuleViolation("delegation-member-repeated", "members[" + i + "]",
                        member.name() + " appears more than once in the delegation of " + command.state());
            }
        }
        apply(new DelegationNamed(talksId, command.state(), command.head(), command.members(),
                delegationsNamed.contains(command.state()), command.effectiveDate(), command.source()));
    }

    @CommandHandler
    public void handle(RescheduleTalks command) {
        refuseIfRetracted();
        refuseIfCancelled("be rescheduled");
        refuseIfConcluded("be rescheduled");
        refuseIfHeld("be rescheduled");
        Venue newVenue = command.venue() == null ? venue : command.venue();
        boolean sameTime = command.time() == null || command.time().equals(time);
        // rescheduling postponed talks always changes something: they are on again, even on the old date
        if (status != TalksStatus.POSTPONED && command.date().equals(date) && newVenue.equals(venue) && sameTime) {
            throw new RuleViolation("reschedule-changes-nothing", "date",
                    "talks '" + talksId + "' are already set for " + date + (time == null ? "" : " " + time)
                            + " in " + describe(venue));
        }
        apply(new TalksRescheduled(talksId, date, time, venue, command.date(), command.time(), newVenue,
                newVenue.isOutside(parties), command.reason(), command.effectiveDate(), command.source()));
    }

    @CommandHandler
    public void handle(PostponeTalks command) {
        refuseIfRetracted();
        refuseIfCancelled("be postponed");
        refuseIfConcluded("be postponed");
        refuseIfHeld("be postponed");
        if (status == TalksStatus.POSTPONED) {
            throw new RuleViolation("talks-already-postponed", "talksId",
                    "talks '" + talksId + "' are already postponed from " + date
                            + "; reschedule them before postponing them again");
        }
        if (command.newDate() != null && !command.newDate().isAfter(date)) {
            throw new RuleViolation("postponement-not-later", "newDate",
                    "talks '" + talksId + "' set for " + date + " cannot be postponed to " + command.newDate()
                            + ", which is not later; use RescheduleTalks to bring them forward");
        }
        apply(new TalksPostponed(talksId, date, command.newDate(), command.reason(), command.effectiveDate(),
                command.source()));
    }

    @CommandHandler
    public void handle(CancelTalks command) {
        refuseIfRetracted();
        if (status == TalksStatus.CANCELLED) {
            throw new RuleViolation("talks-already-cancelled", "talksId",
                    "talks '" + talksId + "' are already cancelled");
        }
        refuseIfConcluded("be cancelled");
        refuseIfHeld("be cancelled");
        apply(new TalksCancelled(talksId, date, command.reason(), command.cancelledBy(), command.effectiveDate(),
                command.source()));
    }

    @CommandHandler
    public void handle(RecordTalksHeld command) {
        refuseIfRetracted();
        refuseIfCancelled("be held");
        if (held) {
            throw new RuleViolation("talks-already-held", "talksId",
                    "talks '" + talksId + "' are already recorded as held");
        }
        if (command.endDate() != null && command.endDate().isBefore(command.effectiveDate())) {
            throw new RuleViolation("talks-end-before-start", "endDate",
                    "talks '" + talksId + "' cannot end on " + command.endDate() + ", before they were held on "
                            + command.effectiveDate());
        }
        Venue usedVenue = command.venue() == null ? venue : command.venue();
        apply(new TalksHeld(talksId, parties, command.effectiveDate(), command.endDate(), usedVenue,
                usedVenue.isOutside(parties), date, !command.effectiveDate().equals(date), command.summary(),
                command.effectiveDate(), command.source()));
    }

    @CommandHandler
    public void handle(ConcludeTalks command) {
        refuseIfRetracted();
        refuseIfCancelled("conclude");
        refuseIfConcluded("conclude again");
        apply(new TalksConcluded(talksId, parties, command.outcome(), command.statement(),
                command.followUps(), held, command.effectiveDate(), command.source()));
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
    void on(TalksScheduled event) {
        talksId = event.talksId();
        status = TalksStatus.SCHEDULED;
        parties = event.parties();
        format = event.format();
        date = event.date();
        time = event.time();
        venue = event.venue();
        delegationsNamed = new HashSet<>();
    }

    @EventSourcingHandler
    void on(DelegationNamed event) {
        delegationsNamed.add(event.state());
    }

    @EventSourcingHandler
    void on(TalksRescheduled event) {
        status = TalksStatus.RESCHEDULED;
        date = event.date();
        time = event.time();
        venue = event.venue();
    }

    @EventSourcingHandler
    void on(TalksPostponed event) {
        status = TalksStatus.POSTPONED;
        if (event.newDate() != null) {
            date = event.newDate();
        }
    }

    @EventSourcingHandler
    void on(TalksCancelled event) {
        status = TalksStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(TalksHeld event) {
        held = true;
        venue = event.venue();
        if (status != TalksStatus.CONCLUDED) {
            status = TalksStatus.HELD;
        }
    }

    @EventSourcingHandler
    void on(TalksConcluded event) {
        status = TalksStatus.CONCLUDED;
    }

    /** Talks whose scheduling was retracted are no talks at all: nothing more can be recorded about them. */
    private void refuseIfRetracted() {
        if (date == null) {
            throw new RuleViolation("unknown-aggregate", "talksId", "the scheduling of talks '" + talksId
                    + "' was retracted; nothing more can be recorded about them");
        }
    }

    private void refuseIfCancelled(String what) {
        if (status == TalksStatus.CANCELLED) {
            throw new RuleViolation("talks-cancelled", "talksId",
                    "talks '" + talksId + "' were cancelled; they cannot " + what);
        }
    }

    private void refuseIfConcluded(String what) {
        if (status == TalksStatus.CONCLUDED) {
            throw new RuleViolation("talks-already-concluded", "talksId",
                    "talks '" + talksId + "' are already concluded; they cannot " + what);
        }
    }

    private void refuseIfHeld(String what) {
        if (held) {
            throw new RuleViolation("talks-already-held", "talksId",
                    "talks '" + talksId + "' are already recorded as held; they cannot " + what);
        }
    }

    private void refuseNonDiplomat(DelegationMember member, String field, CountryCode state) {
        if (!member.diplomat()) {
            throw new RuleViolation("delegation-not-diplomats-only", field,
                    "talks '" + talksId + "' are for diplomats only, but " + member.name()
                            + (member.title() == null ? "" : " (" + member.title() + ")")
                            + " on the delegation of " + state + " is not a diplomat");
        }
    }

    private static String identity(DelegationMember member) {
        return member.personId() != null ? member.personId() : member.name();
    }

    private static String describe(Venue venue) {
        return (venue.place() == null ? "" : venue.place() + ", ") + venue.city() + " (" + venue.country() + ")";
    }
}
