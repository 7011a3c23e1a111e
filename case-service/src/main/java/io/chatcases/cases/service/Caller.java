package io.chatcases.cases.service;

/**
 * Who calls: an agent (id = token subject, names from given_name/family_name), an admin, or a
 * service (the gateway, acting for a customer it has authenticated itself).
 */
public record Caller(String id, String firstName, String lastName, boolean admin, boolean service) {

    /** Admins and services see every Case; agents see NEW Cases and their own. */
    public boolean seesAll() {
        return admin || service;
    }

    public String fullName() {
        return ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName))
                .trim();
    }
}
