package org.diplomaticledger.presence.upcasting;

import org.diplomaticledger.presence.api.MissionOpened;
import org.springframework.stereotype.Component;

/**
 * Reads {@code MissionOpened} stored as revision 1 (without a revision) as revision 2, which only adds the value
 * LEGATION to {@code kind}.
 */
@Component
public class MissionOpenedUpcaster extends RevisionOnlyUpcaster {

    public MissionOpenedUpcaster() {
        super(MissionOpened.class, null, "2");
    }
}
