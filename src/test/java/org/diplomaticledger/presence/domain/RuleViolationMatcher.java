package org.diplomaticledger.presence.domain;

import java.util.Objects;
import org.diplomaticledger.shared.RuleViolation;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/**
 * Matches a {@link RuleViolation} by its rule name (and, optionally, the field it blames), so that a test fails when
 * a command is refused for the wrong reason.
 */
final class RuleViolationMatcher extends TypeSafeMatcher<RuleViolation> {

    private final String rule;
    private final boolean checkField;
    private final String field;

    private RuleViolationMatcher(String rule, boolean checkField, String field) {
        this.rule = rule;
        this.checkField = checkField;
        this.field = field;
    }

    /** A RuleViolation of the named rule, whatever field it blames. */
    static Matcher<RuleViolation> violates(String rule) {
        return new RuleViolationMatcher(rule, false, null);
    }

    /** A RuleViolation of the named rule that blames the given field ({@code null} for none). */
    static Matcher<RuleViolation> violates(String rule, String field) {
        return new RuleViolationMatcher(rule, true, field);
    }

    @Override
    protected boolean matchesSafely(RuleViolation violation) {
        return rule.equals(violation.rule()) && (!checkField || Objects.equals(field, violation.field()));
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a RuleViolation of rule ").appendValue(rule);
        if (checkField) {
            description.appendText(" on field ").appendValue(field);
        }
    }

    @Override
    protected void describeMismatchSafely(RuleViolation violation, Description description) {
        description
                .appendText("violated rule ")
                .appendValue(violation.rule())
                .appendText(" on field ")
                .appendValue(violation.field())
                .appendText(": ")
                .appendText(violation.getMessage());
    }
}
