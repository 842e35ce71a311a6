package org.diplomaticledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The canonical form as docs/audit.md defines it. The expected links were computed apart from this code, with
 * Python's hashlib from the documented definition, so the documentation and the code cannot drift apart.
 */
class ChainCodecTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final StoredEvent FIRST = new StoredEvent(
            7,
            "e-1",
            "RU-US",
            3,
            "Presence",
            "2026-11-30T19:00:00Z",
            "org.diplomaticledger.presence.api.MissionOpened",
            null,
            utf8("{\"city\":\"Washington\"}"),
            utf8("{\"actor\":\"clerk\"}"));
    private static final StoredEvent SECOND =
            new StoredEvent(8, "e-2", "RU-US", 4, null, "2026-11-30T19:00:01Z", "T", "1", utf8("{}"), null);

    @Test
    void linksMatchTheDocumentedDefinition() {
        String first = ChainCodec.link(ChainCodec.GENESIS, FIRST);
        assertThat(first).isEqualTo("b43c60d97f4b792be0ba4f89d23ecd55c2934886d07eff6d6cdfb29270d9dffb");
        assertThat(ChainCodec.link(first, SECOND))
                .isEqualTo("72e45b5a5681e3dbe9b56bcd51d42f3378a1a46254ba1db491aef329e5aaf0b5");
    }

    @Test
    void bytesCannotShiftFromOneFieldToTheNext() {
        StoredEvent shifted = new StoredEvent(
                7,
                "e-1R",
                "U-US",
                3,
                "Presence",
                "2026-11-30T19:00:00Z",
                "org.diplomaticledger.presence.api.MissionOpened",
                null,
                FIRST.payload(),
                FIRST.metaData());
        assertThat(ChainCodec.link(ChainCodec.GENESIS, shifted))
                .isNotEqualTo(ChainCodec.link(ChainCodec.GENESIS, FIRST));
    }

    @Test
    void aNullColumnIsNotAnEmptyOne() {
        StoredEvent empty =
                new StoredEvent(8, "e-2", "RU-US", 4, "", "2026-11-30T19:00:01Z", "T", "1", utf8("{}"), null);
        assertThat(ChainCodec.link(ChainCodec.GENESIS, empty))
                .isNotEqualTo(ChainCodec.link(ChainCodec.GENESIS, SECOND));
    }

    @Test
    void theLinkDependsOnThePreviousLink() {
        assertThat(ChainCodec.link("ab".repeat(32), FIRST)).isNotEqualTo(ChainCodec.link(ChainCodec.GENESIS, FIRST));
    }
}
