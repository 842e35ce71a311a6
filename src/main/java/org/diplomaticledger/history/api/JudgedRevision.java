package org.diplomaticledger.history.api;

import java.time.LocalDate;
import java.util.Objects;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.ConcurrencyException;
import org.diplomaticledger.shared.LedgerEvent;

/**
 * A correction or retraction once {@code history} has judged it against the history of the aggregate that owns the
 * event: the event to record ({@link EntryCorrected} or {@link EntryRetracted}) and the aggregate version (the
 * sequence number of its last event) the history was read at. The aggregate records it with {@link #record()} and
 * reads nothing: every rule was checked on that history, so it only has to still stand at that version.
 *
 * @param event   what to record in the aggregate's stream
 * @param version the sequence number of the aggregate's last event when the revision was judged; {@code null} for an
 *                aggregate with no events
 */
public record JudgedRevision(LedgerEvent event, Long version) {

    public JudgedRevision {
        if (!(event instanceof EntryCorrected || event instanceof EntryRetracted)) {
            throw new IllegalArgumentException(
                    "a revision records an EntryCorrected or an EntryRetracted, not " + event);
        }
    }

    /**
     * Applies the revision to the aggregate whose command handler calls this. An aggregate that moved on since the
     * revision was judged (another writer appended meanwhile) refuses it as a concurrent write, as its store would
     * refuse a stale append: the write runs again and is judged on the newer history.
     */
    public void record() {
        Long current = AggregateLifecycle.getVersion();
        if (!Objects.equals(current, version)) {
            throw new ConcurrencyException("the revision of event " + eventId() + " was judged at version " + version
                    + " of its aggregate, which now stands at " + current);
        }
        AggregateLifecycle.apply(event);
    }

    /** Whether the revised fact stays on its day: a correction that leaves its {@code effectiveDate} as it was. */
    public boolean keepsItsDay() {
        return event instanceof EntryCorrected correction
                && correction.corrected().get("effectiveDate") == null;
    }

    /**
     * The day a correction moves the fact to; null for a retraction (the fact leaves its timeline) and for a
     * correction that {@link #keepsItsDay keeps its day}.
     */
    public LocalDate movedTo() {
        Object day = event instanceof EntryCorrected correction
                ? correction.corrected().get("effectiveDate")
                : null;
        return day == null ? null : LocalDate.parse(day.toString());
    }

    /** The id of the event revised. */
    public String eventId() {
        return event instanceof EntryCorrected correction ? correction.eventId() : ((EntryRetracted) event).eventId();
    }
}
