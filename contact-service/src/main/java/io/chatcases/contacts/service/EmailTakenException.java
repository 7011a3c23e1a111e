package io.chatcases.contacts.service;

import java.util.UUID;

/**
 * A write would give a Contact an address that another Contact owns. Carries only the address and
 * the owner's id: the owner's other data is none of the caller's business here.
 */
public class EmailTakenException extends RuntimeException {
    private final String email;
    private final UUID ownerId;

    public EmailTakenException(String email, UUID ownerId) {
        super("The email " + email + " belongs to another contact");
        this.email = email;
        this.ownerId = ownerId;
    }

    public String email() {
        return email;
    }

    public UUID ownerId() {
        return ownerId;
    }
}
