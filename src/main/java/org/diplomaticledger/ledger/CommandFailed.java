package org.diplomaticledger.ledger;

/** A command of a write failed; the whole write was rolled back. {@code index} is its place in the write, from 0. */
public class CommandFailed extends RuntimeException {

    private final int index;
    private final String command;

    public CommandFailed(int index, String command, Throwable cause) {
        super(cause.getMessage(), cause);
        this.index = index;
        this.command = command;
    }

    public int index() {
        return index;
    }

    public String command() {
        return command;
    }
}
