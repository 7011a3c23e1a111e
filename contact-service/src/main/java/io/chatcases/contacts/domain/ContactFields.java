package io.chatcases.contacts.domain;

/** The scalar fields of a Contact that an admin or an import row sets; blank means absent. */
public record ContactFields(String firstName, String lastName, String phone, String externalId) {

    public ContactFields {
        firstName = clean(firstName);
        lastName = clean(lastName);
        phone = clean(phone);
        externalId = clean(externalId);
    }

    public static ContactFields of(Contact c) {
        return new ContactFields(c.firstName, c.lastName, c.phone, c.externalId);
    }

    /**
     * Import semantics: a cell that holds a value replaces the stored one, an empty cell keeps it.
     * An import row can therefore fill in or correct a Contact but never erase what an admin
     * entered; erasing is what PUT is for.
     */
    public ContactFields overlaidWith(ContactFields row) {
        return new ContactFields(
                orElse(row.firstName, firstName),
                orElse(row.lastName, lastName),
                orElse(row.phone, phone),
                orElse(row.externalId, externalId));
    }

    public void applyTo(Contact c) {
        c.firstName = firstName;
        c.lastName = lastName;
        c.phone = phone;
        c.externalId = externalId;
    }

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
