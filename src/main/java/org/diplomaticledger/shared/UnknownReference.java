package org.diplomaticledger.shared;

/**
 * A command refers to something the ledger does not hold at all (an event id no event has). The web layer answers
 * it with 422, naming the rule and the field that held the reference; nothing is written.
 */
public class UnknownReference extends RuntimeException {

    private final String rule;
    private final String field;

    public UnknownReference(String rule, String field, String message) {
        super(message);
        this.rule = rule;
        this.field = field;
    }

    public String rule() {
        return rule;
    }

    public String field() {
        return field;
    }
}
