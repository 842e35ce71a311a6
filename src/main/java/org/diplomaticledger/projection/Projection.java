package org.diplomaticledger.projection;

import java.util.List;

/**
 * A read model built from the events alone. Declare one as a Spring bean; the ledger then runs its handler in an
 * event processor named {@link #name()}, can rebuild it on request while the old rows keep answering, and lets
 * queries wait until it has reached a client's own write, and read it as of any effective date and as known at any
 * recorded instant.
 *
 * <p>Rules for the handler: its {@code @EventHandler} methods read and change only the rows the {@link Head} gives
 * them (the event's own aggregate's, its partition's, held in memory), use nothing but the event (payload,
 * {@code @Timestamp}, {@code @SequenceNumber}, metadata) and those rows, touch no database, and do not depend on the
 * order in which {@link Rows#all()} lists rows. {@link TemporalProjector} turns what each event changed into
 * bitemporal row versions, which queries read.
 */
public interface Projection {

    /** The projection's name, in URLs and as its event processor's name, e.g. {@code staffing}. */
    String name();

    /** The tables holding this projection's rows, with their partition and key columns. */
    List<VersionedTable> versionedTables();

    /** The tables holding this projection's rows; each has a {@code slot} column. */
    default List<String> tables() {
        return versionedTables().stream().map(VersionedTable::name).toList();
    }

    /** A new handler object with {@code @EventHandler} methods that fold events into the given rows. */
    Object handler(Head rows);
}
