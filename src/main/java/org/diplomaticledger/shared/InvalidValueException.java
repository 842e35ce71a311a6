package org.diplomaticledger.shared;

/**
 * A value that cannot stand in the ledger, found while reading input (a bad country code, a malformed id).
 * The web layer answers it with 400 and the name of the field that held the value.
 */
public class InvalidValueException extends IllegalArgumentException {
    public InvalidValueException(String message) {
        super(message);
    }
}
