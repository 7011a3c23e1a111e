package io.chatcases.events;

/** The one registry of CloudEvents {@code ce_type} values. Never type these names inline. */
public final class EventTypes {
    public static final String CASE_CREATED = "case.created";
    public static final String CASE_CLAIMED = "case.claimed";
    public static final String CASE_RESOLVED = "case.resolved";
    public static final String CASE_REOPENED = "case.reopened";
    public static final String CASE_CLOSED = "case.closed";
    public static final String CASE_READ = "case.read";

    /** The Case's Contact view changed (late match, renamed Contact). */
    public static final String CASE_UPDATED = "case.updated";

    public static final String MESSAGE_POSTED = "message.posted";

    /** A send refused by case-service, routed back to the sender's connection. */
    public static final String MESSAGE_REJECTED = "message.rejected";

    public static final String CONTACT_UPDATED = "contact.updated";

    private EventTypes() {}
}
