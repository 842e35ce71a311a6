package org.diplomaticledger.presence.domain;

import static org.diplomaticledger.presence.domain.RuleViolationMatcher.violates;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.diplomaticledger.shared.RuleViolation;
import org.junit.jupiter.api.Test;

/** The matcher the fixture tests rely on must fail when a command is refused for another reason. */
class RuleViolationMatcherTest {

    private final RuleViolation exceeded = new RuleViolation("ceiling-exceeded", "category", "above the ceiling");

    @Test
    void matchesTheNamedRule() {
        assertThat(violates("ceiling-exceeded").matches(exceeded), is(true));
        assertThat(violates("ceiling-exceeded", "category").matches(exceeded), is(true));
    }

    @Test
    void rejectsAnotherRule() {
        assertThat(violates("mission-not-open").matches(exceeded), is(false));
    }

    @Test
    void rejectsAnotherField() {
        assertThat(violates("ceiling-exceeded", "missionId").matches(exceeded), is(false));
        assertThat(violates("ceiling-exceeded", null).matches(exceeded), is(false));
    }

    @Test
    void rejectsOtherExceptions() {
        assertThat(violates("ceiling-exceeded").matches(new IllegalStateException("ceiling-exceeded")), is(false));
    }
}
