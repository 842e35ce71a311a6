package org.diplomaticledger.projection;

/**
 * The slot a projection's event handler writes into. The live handler's slot changes when a rebuild is switched
 * in; a rebuild's handler keeps its own. {@link TemporalProjector} holds the {@linkplain #head() head} view of the
 * slot: its {@link #code()} ({@code a}/{@code b}) names the slot's partitions' progress in
 * {@code projection_partition}, while the row versions carry the slot's own code ({@code A}/{@code B}).
 */
public final class SlotRef {

    private volatile Slot slot;
    private volatile int switches;
    private final SlotRef versions;

    public SlotRef(Slot slot) {
        this.slot = slot;
        this.versions = null;
    }

    private SlotRef(SlotRef versions) {
        this.versions = versions;
    }

    /** The same slot, following it when it is switched, seen as the code its partitions' progress is kept under. */
    public SlotRef head() {
        return versions == null ? new SlotRef(this) : this;
    }

    public Slot get() {
        return versions == null ? slot : versions.get();
    }

    /** The value to write in the {@code slot} column. */
    public String code() {
        return versions == null ? slot.code() : versions.get().headCode();
    }

    void set(Slot slot) {
        if (versions != null) {
            throw new IllegalStateException("a head view follows its slot");
        }
        this.slot = slot;
        this.switches++;
    }

    /** How many times the slot was switched: what was read of the slot before a switch no longer holds. */
    int switches() {
        return versions == null ? switches : versions.switches();
    }
}
