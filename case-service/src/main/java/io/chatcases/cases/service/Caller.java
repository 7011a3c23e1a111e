package io.chatcases.cases.service;

/**
 * Who calls: an agent (id = token subject, names from given_name/family_name), an admin, or a
 * service (the gateway, acting for a customer it has authenticated itself).
 */
public record Caller(String id, String firstName, String lastName, boolean admin, boolean service) {
    /** Longest stored name part (owner_first_name / owner_last_name are varchar(100)). */
    static final int MAX_NAME = 100;

    /**
     * Names come from the identity provider, which allows longer ones than the Case row keeps: they
     * are shortened here rather than make a claim fail in the database.
     */
    public Caller {
        firstName = clip(firstName);
        lastName = clip(lastName);
    }

    private static String clip(String name) {
        return name == null || name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }

    /** Admins and services see every Case; agents see NEW Cases and their own. */
    public boolean seesAll() {
        return admin || service;
    }

    public String fullName() {
        return ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName))
                .trim();
    }
}
