package org.diplomaticledger.shared;

/** The metadata keys every command and event carries, besides its payload. */
public final class LedgerMetadata {

    /** The authenticated user who sent the command. */
    public static final String ACTOR = "actor";
    /** One id shared by every event a request wrote (taken from the X-Correlation-Id header when given). */
    public static final String CORRELATION_ID = "correlationId";
    /** The name of the command that produced the event. */
    public static final String COMMAND = "command";
    /** The id of the command message that produced the event. */
    public static final String COMMAND_ID = "commandId";
    /**
     * On a command message only, never copied to its events: {@code true} when the user who sent it has the role ADMIN,
     * for a rule that only an ADMIN may pass wherever the write runs (the retraction of a succession).
     */
    public static final String SENT_BY_ADMIN = "sentByAdmin";

    private LedgerMetadata() {}
}
