package org.diplomaticledger.shared;

/**
 * A value that cannot stand in the ledger, found while reading input (a bad country code, a malformed id, a
 * correction that would make an event invalid). The web layer answers it with 400 and the name of the field that
 * held the value, where one is known.
 */
public class InvalidValueException extends IllegalArgumentException {

    private final String field;

    public InvalidValueException(String message) {
        this(null, message);
    }

    public InvalidValueException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The input field that held the value (for example {@code corrections.count}), or {@code null}. */
    public String field() {
        return field;
    }
}
