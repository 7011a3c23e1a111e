package io.chatcases.contacts.service;

/** A write would give a Contact an external id that another Contact has. */
public class ExternalIdTakenException extends RuntimeException {
    private final String externalId;

    public ExternalIdTakenException(String externalId, Throwable cause) {
        super("The external id " + externalId + " belongs to another contact", cause);
        this.externalId = externalId;
    }

    public String externalId() {
        return externalId;
    }
}
