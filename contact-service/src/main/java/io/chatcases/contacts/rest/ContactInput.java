package io.chatcases.contacts.rest;

import io.chatcases.contacts.domain.ContactConstraints;
import io.chatcases.contacts.domain.ContactFields;
import io.chatcases.contacts.domain.EmailSet;
import io.chatcases.contacts.domain.ValidEmail;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A Contact as an admin creates or fully replaces it; the same field names as the view. Absent
 * optional fields are stored as absent (PUT clears them).
 */
@Schema(name = "ContactInput")
public record ContactInput(
        @NotBlank(message = "is required") @Size(max = ContactConstraints.MAX_NAME)
                String firstName,
        @Size(max = ContactConstraints.MAX_NAME) String lastName,
        @Schema(description = "The primary address") @NotBlank(message = "is required") @ValidEmail
                String email,
        @Schema(description = "Further addresses; may repeat the primary")
                @Size(max = ContactConstraints.MAX_EMAILS)
                List<@NotBlank(message = "must not be empty") @ValidEmail String> emails,
        @Size(max = ContactConstraints.MAX_PHONE)
                @Pattern(
                        regexp = ContactConstraints.PHONE_REGEX,
                        message = ContactConstraints.PHONE_MESSAGE)
                String phone,
        @Size(max = ContactConstraints.MAX_EXTERNAL_ID) String externalId) {

    ContactFields fields() {
        return new ContactFields(firstName, lastName, phone, externalId);
    }

    EmailSet emailSet() {
        return EmailSet.of(email, emails);
    }
}
