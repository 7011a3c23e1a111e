package io.chatcases.contacts.service;

import java.util.List;

/** Input the service cannot accept, with the offending fields (mapped to a 400 problem). */
public class InvalidInputException extends RuntimeException {

    /** One bad field and what is wrong with it. */
    public record FieldError(String field, String message) {}

    private final List<FieldError> errors;

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public InvalidInputException(List<FieldError> errors) {
        super(
                errors.stream()
                        .map(e -> e.field() + " " + e.message())
                        .reduce((a, b) -> a + "; " + b)
                        .orElse("invalid input"));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
