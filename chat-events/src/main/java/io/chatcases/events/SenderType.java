package io.chatcases.events;

/** Who wrote a message: the Case's customer, a signed-in agent (user) or the platform. */
public enum SenderType {
    CUSTOMER,
    USER,
    SYSTEM
}
