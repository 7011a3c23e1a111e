package io.chatcases.contacts.domain;

/** Field rules shared by the JSON inputs and the CSV import rows. */
public final class ContactConstraints {
    public static final int MAX_NAME = 100;
    public static final int MAX_PHONE = 40;
    public static final int MAX_EXTERNAL_ID = 200;
    public static final int MAX_EMAILS = 20;

    /** Digits, spaces and the usual separators, optionally a leading +. */
    public static final String PHONE_REGEX = "^\\+?[0-9 ().\\-/]{3,}$";

    public static final String PHONE_MESSAGE =
            "must be a phone number: digits, spaces, ( ) . - / and an optional leading +";

    private ContactConstraints() {}
}
