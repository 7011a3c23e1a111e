package io.chatcases.events;

/** Kafka topic names. Keys and producers are documented in docs/events.md. */
public final class Topics {
    /** Customer and agent sends, produced by chat-gateway, keyed by caseId. */
    public static final String CHAT_INGEST = "chat.ingest";

    /** Case and message events, relayed from case-service's outbox, keyed by caseId. */
    public static final String CASE_EVENTS = "chat.case-events";

    /** WebRTC signalling between gateway replicas, keyed by caseId, short retention. */
    public static final String SIGNALS = "chat.signals";

    /** Contact changes, relayed from contact-service's outbox, keyed by contactId. */
    public static final String CONTACT_EVENTS = "chat.contact-events";

    private Topics() {}
}
