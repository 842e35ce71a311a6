package org.diplomaticledger.projection;

/**
 * The ledger position a reader wants reflected: the {@code position} a command's answer gave, passed back as
 * {@code ?atLeast=} or as the header {@code X-Ledger-At-Least}. Absent: any state will do.
 */
public record ReadPosition(Long atLeast) {

    public static final String HEADER = "X-Ledger-At-Least";
    public static final String PARAMETER = "atLeast";

    public static ReadPosition any() {
        return new ReadPosition(null);
    }
}
