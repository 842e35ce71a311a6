package org.diplomaticledger.shared;

/**
 * A command that contradicts what the ledger already holds (departing twice, accrediting at a closed mission,
 * breaking a staff ceiling). Thrown by aggregates before any event is applied, so nothing is written.
 * The web layer answers it with 409, naming the rule and, where one is to blame, the field.
 */
public class RuleViolation extends RuntimeException {

    private final String rule;
    private final String field;
    private final java.util.Map<String, Object> details;

    public RuleViolation(String rule, String field, String message) {
        this(rule, field, message, java.util.Map.of());
    }

    /** With further members for the problem answer (e.g. the state and its periods), in their JSON form. */
    public RuleViolation(String rule, String field, String message, java.util.Map<String, Object> details) {
        super(message);
        this.rule = rule;
        this.field = field;
        this.details = java.util.Map.copyOf(details);
    }

    public RuleViolation(String rule, String message) {
        this(rule, null, message);
    }

    /** A short, stable, kebab-case name of the rule, e.g. {@code ceiling-exceeded}. */
    public String rule() {
        return rule;
    }

    /** The command field the violation is about, or {@code null}. */
    public String field() {
        return field;
    }

    /** Further members of the problem answer, by name; empty for most rules. */
    public java.util.Map<String, Object> details() {
        return details;
    }
}
