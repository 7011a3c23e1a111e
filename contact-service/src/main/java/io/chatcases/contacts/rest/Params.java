package io.chatcases.contacts.rest;

import io.chatcases.contacts.domain.EmailAddress;
import io.chatcases.contacts.domain.InvalidEmailAddressException;
import io.chatcases.contacts.service.InvalidInputException;
import java.util.UUID;

/**
 * Path and query parameters arrive as strings and are parsed here, so that a bad one is a 400
 * naming it (JAX-RS would answer a failed conversion of a path or query parameter with a bare 404).
 */
final class Params {
    private Params() {}

    static UUID id(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("id", "must be a UUID");
        }
    }

    static int intInRange(String name, String raw, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(name, "must be a whole number");
        }
        if (value < min || value > max) {
            throw new InvalidInputException(
                    name, "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }

    static EmailAddress emailOrNull(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return EmailAddress.parse(raw);
        } catch (InvalidEmailAddressException e) {
            throw new InvalidInputException(name, e.getMessage());
        }
    }
}
