package io.chatcases.events;

/** Realm roles carried in access tokens (Keycloak realm {@code cx}). */
public final class Roles {
    /** Works Cases in the agent console. */
    public static final String AGENT = "agent";

    /** Manages Quick Replies and Contacts, reads every Case. */
    public static final String ADMIN = "admin";

    /** Service-to-service calls (client-credentials tokens). */
    public static final String SERVICE = "service";

    private Roles() {}
}
