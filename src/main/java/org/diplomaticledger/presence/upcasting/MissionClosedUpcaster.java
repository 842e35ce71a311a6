package org.diplomaticledger.presence.upcasting;

import org.diplomaticledger.presence.api.MissionClosed;
import org.springframework.stereotype.Component;

/**
 * Reads {@code MissionClosed} stored as revision 1 (without a revision) as revision 2, which only adds the value
 * STATE_SUCCESSION to {@code reason}.
 */
@Component
public class MissionClosedUpcaster extends RevisionOnlyUpcaster {

    public MissionClosedUpcaster() {
        super(MissionClosed.class, null, "2");
    }
}
