package org.diplomaticledger.projection;

/**
 * Each projection keeps its rows in one of two slots, told apart by a {@code slot} column. Queries read the active
 * slot; a rebuild fills the other one from the events alone and then makes it the active one.
 */
public enum Slot {
    A,
    B;

    public Slot other() {
        return this == A ? B : A;
    }

    /** The value of the {@code slot} column for the slot's row versions, the rows queries read. */
    public String code() {
        return name();
    }

    /** The code ({@code a}, {@code b}) under which {@link TemporalProjector} keeps the slot's partitions' progress in {@code projection_partition}. */
    public String headCode() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
