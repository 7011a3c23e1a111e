package io.chatcases.contacts.domain;

/** An input that is not an acceptable email address; the message says why, for the caller. */
public class InvalidEmailAddressException extends IllegalArgumentException {
    public InvalidEmailAddressException(String reason) {
        super(reason);
    }
}
