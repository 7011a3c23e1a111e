package io.chatcases.events;

/** What a message carries: typed text, a file, or a platform notice (claims, reopen, close). */
public enum MessageKind {
    TEXT,
    FILE,
    SYSTEM
}
