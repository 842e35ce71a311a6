package org.diplomaticledger.projection;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A partition's open versions (its head rows: the state after every event folded) by table and key, what it folded
 * until and the last event it applied, as a {@link TemporalProjector} keeps them between the partition's events.
 */
final class OpenPartition {
    final Map<String, Map<List<Object>, Version>> open = new HashMap<>();
    LocalDate foldedUntil;
    long sequence = -1;
    int switches;
    boolean stored;
    /** The transaction that last changed it: within that transaction it needs no check against the database. */
    Object transaction;

    /** The partition's open versions as the rows the handler reads, with its changes on top. */
    static final class Rows extends Head.State {
        private final OpenPartition partition;

        Rows(OpenPartition partition) {
            this.partition = partition;
        }

        @Override
        Row base(VersionLayout layout, List<Object> key) {
            Version version = partition.open.get(layout.table).get(key);
            return version == null ? null : version.toRow();
        }

        @Override
        Collection<Row> base(VersionLayout layout) {
            List<Row> all = new ArrayList<>();
            partition.open.get(layout.table).values().forEach(version -> all.add(version.toRow()));
            return all;
        }
    }
}
