package io.chatcases.gateway.identity;

/**
 * A customer as the host site's backend vouched for them in a verified identity token. {@code
 * givenName}, {@code familyName} and {@code externalId} (the {@code sub} claim) may be null.
 */
public record HostIdentity(String email, String givenName, String familyName, String externalId) {}
