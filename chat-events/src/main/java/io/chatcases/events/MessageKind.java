package io.chatcases.events;

/**
 * What a message carries: typed text, a file, a platform notice (claims, reopen, close), or an
 * agent's private note (agents only: never served nor pushed to a customer).
 */
public enum MessageKind {
    TEXT,
    FILE,
    SYSTEM,
    NOTE
}
