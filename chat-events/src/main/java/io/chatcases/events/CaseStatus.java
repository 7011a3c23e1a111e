package io.chatcases.events;

/** Where a Case is in its life: NEW (open, no owner), READY (open, owned), RESOLVED, CLOSED. */
public enum CaseStatus {
    NEW,
    READY,
    RESOLVED,
    CLOSED;

    /** Open Cases show on tiles and accept messages without reopening. */
    public boolean isOpen() {
        return this == NEW || this == READY;
    }
}
