package org.diplomaticledger.relations.projection;

import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.diplomaticledger.projection.CorrectionMark;
import org.diplomaticledger.projection.Head;
import org.diplomaticledger.projection.Projection;
import org.diplomaticledger.projection.Row;
import org.diplomaticledger.projection.Rows;
import org.diplomaticledger.projection.VersionedTable;
import org.diplomaticledger.relations.api.RelationsLevelChanged;
import org.diplomaticledger.shared.CountryCode;
import org.springframework.stereotype.Component;

/**
 * The level of relations between two states (partition {@code RELATIONS-RU-US}): the level in force, since when,
 * who initiated it, the protecting powers of each side while relations are severed (VCDR Art. 45), and every change
 * of level. Folded in effective order like every projection, so a change reported late takes its place in the
 * history and {@code previousLevel} is the level the projection had in force the day before, not what the ledger
 * knew when the change was recorded.
 */
@Component
public class RelationsProjection implements Projection {

    public static final String NAME = "relations";
    public static final String PAIRS = "relations_pair";
    public static final String CHANGES = "relations_change";

    @Override
    public String name() {
        return NAME;
    }

    /** The projection's tables with their partition, key and own columns (checked against the database at start-up). */
    private static final List<VersionedTable> TABLES = List.of(
            VersionedTable.of(PAIRS, "relations_id", "relations_id")
                    .columns("relations_id, state_a, state_b, relations_level, level_since, previous_level, "
                            + "initiated_by, reason, protecting_power_of_a, protecting_power_of_b, cameo_code, source, "
                            + "source_url, changes, last_recorded_at, correction"),
            VersionedTable.of(CHANGES, "relations_id", "relations_id", "seq")
                    .columns("relations_id, seq, effective_date, relations_level, previous_level, initiated_by, "
                            + "reason, protecting_power_of_a, protecting_power_of_b, cameo_code, source, source_url, "
                            + "recorded_at, correction"));

    @Override
    public List<VersionedTable> versionedTables() {
        return TABLES;
    }

    @Override
    public Object handler(Head rows) {
        return new Handler(rows);
    }

    final class Handler {
        private final Rows pairs;
        private final Rows changes;

        Handler(Head rows) {
            this.pairs = rows.rows(PAIRS);
            this.changes = rows.rows(CHANGES);
        }

        @EventHandler
        void on(RelationsLevelChanged e, @Timestamp Instant recorded, MetaData metaData) {
            String correction = CorrectionMark.column(metaData);
            Row pair = pairs.get(e.relationsId());
            String previous = pair == null ? null : pair.text("relations_level");
            String powerOfA = code(e.protectingPowerOf(e.stateA()));
            String powerOfB = code(e.protectingPowerOf(e.stateB()));
            String source = e.source() == null ? null : e.source().text();
            String url = e.source() == null ? null : e.source().url();
            Row base = pair == null ? pairs.create().with("relations_id", e.relationsId()) : pair;
            pairs.put(base.with("state_a", e.stateA().value())
                    .with("state_b", e.stateB().value())
                    .with("relations_level", e.level())
                    .with("level_since", e.effectiveDate())
                    .with("previous_level", previous)
                    .with("initiated_by", code(e.initiatedBy()))
                    .with("reason", e.reason())
                    // Protecting powers act only while relations are severed: a later level ends them.
                    .with("protecting_power_of_a", powerOfA)
                    .with("protecting_power_of_b", powerOfB)
                    .with("cameo_code", e.cameoCode())
                    .with("source", source)
                    .with("source_url", url)
                    .with("changes", (pair == null ? 0 : pair.count("changes")) + 1)
                    .with("last_recorded_at", recorded)
                    .with("correction", correction));
            int seq = changes.all().stream()
                            .mapToInt(row -> row.count("seq"))
                            .max()
                            .orElse(0)
                    + 1;
            changes.put(changes.create()
                    .with("relations_id", e.relationsId())
                    .with("seq", seq)
                    .with("effective_date", e.effectiveDate())
                    .with("relations_level", e.level())
                    .with("previous_level", previous)
                    .with("initiated_by", code(e.initiatedBy()))
                    .with("reason", e.reason())
                    .with("protecting_power_of_a", powerOfA)
                    .with("protecting_power_of_b", powerOfB)
                    .with("cameo_code", e.cameoCode())
                    .with("source", source)
                    .with("source_url", url)
                    .with("recorded_at", recorded)
                    .with("correction", correction));
        }
    }

    private static String code(CountryCode code) {
        return code == null ? null : code.value();
    }
}
