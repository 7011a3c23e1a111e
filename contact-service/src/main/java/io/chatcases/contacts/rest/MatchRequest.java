package io.chatcases.contacts.rest;

import io.chatcases.contacts.domain.ContactConstraints;
import io.chatcases.contacts.domain.ValidEmail;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What a customer typed into the chat form. The names only seed a new Contact; they never change an
 * existing one. Both may be absent (initials then come from the email).
 */
public record MatchRequest(
        @NotBlank(message = "is required") @ValidEmail String email,
        @Size(max = ContactConstraints.MAX_NAME) String firstName,
        @Size(max = ContactConstraints.MAX_NAME) String lastName) {}
