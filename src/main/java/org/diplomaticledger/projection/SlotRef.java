package org.diplomaticledger.projection;

/**
 * The slot a projection's event handler writes into. The live handler's slot changes when a rebuild is switched
 * in; a rebuild's handler keeps its own.
 */
public final class SlotRef {

    private volatile Slot slot;

    public SlotRef(Slot slot) {
        this.slot = slot;
    }

    public Slot get() {
        return slot;
    }

    /** The value to write in the {@code slot} column. */
    public String code() {
        return slot.code();
    }

    void set(Slot slot) {
        this.slot = slot;
    }
}
