package io.chatcases.contacts.service;

import java.util.UUID;

/** No Contact has this id (any more). */
public class ContactNotFoundException extends RuntimeException {
    private final UUID id;

    public ContactNotFoundException(UUID id) {
        super("No contact with id " + id);
        this.id = id;
    }

    public UUID id() {
        return id;
    }
}
