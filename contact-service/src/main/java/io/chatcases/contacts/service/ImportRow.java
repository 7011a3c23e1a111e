package io.chatcases.contacts.service;

import io.chatcases.contacts.domain.ContactConstraints;
import io.chatcases.contacts.domain.ContactFields;
import io.chatcases.contacts.domain.ValidEmail;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One data row of a contacts CSV, with the line it starts on. The same field rules as the JSON API
 * apply; a first name is further required only when the row creates a Contact.
 *
 * <p>Empty cells are null: absent, not "empty value".
 *
 * @param problem what makes the row unreadable as a whole (wrong number of cells), or null
 */
public record ImportRow(
        int line,
        @NotBlank(message = "is required") @ValidEmail String email,
        @Size(max = ContactConstraints.MAX_NAME) String firstName,
        @Size(max = ContactConstraints.MAX_NAME) String lastName,
        @Size(max = ContactConstraints.MAX_PHONE)
                @Pattern(
                        regexp = ContactConstraints.PHONE_REGEX,
                        message = ContactConstraints.PHONE_MESSAGE)
                String phone,
        @Size(max = ContactConstraints.MAX_EXTERNAL_ID) String externalId,
        String problem) {

    ContactFields fields() {
        return new ContactFields(firstName, lastName, phone, externalId);
    }
}
