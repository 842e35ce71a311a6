package org.diplomaticledger.ledger;

import java.util.List;

/** Input that cannot become a command: malformed JSON, a missing or bad field, an unknown command. */
public class InvalidInput extends RuntimeException {

    /** One thing wrong with the input; {@code field} is a JSON path such as {@code venue.country} or {@code members[1].name}. */
    public record FieldError(String field, String message) {}

    private final List<FieldError> errors;
    private final boolean unknownCommand;

    public InvalidInput(String message, List<FieldError> errors, boolean unknownCommand) {
        super(message);
        this.errors = List.copyOf(errors);
        this.unknownCommand = unknownCommand;
    }

    public static InvalidInput of(String field, String message) {
        return new InvalidInput(
                (field == null ? "" : field + ": ") + message, List.of(new FieldError(field, message)), false);
    }

    public List<FieldError> errors() {
        return errors;
    }

    public boolean unknownCommand() {
        return unknownCommand;
    }
}
