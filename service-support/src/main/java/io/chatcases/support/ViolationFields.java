package io.chatcases.support;

import io.chatcases.events.Problem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Bean Validation violations as {@link Problem.Violation}s, sorted and without repeats. Its own
 * class because jakarta.validation is on the class path only of the services that validate.
 */
public final class ViolationFields {
    private ViolationFields() {}

    /** Violations of body members and of named parameters (a query parameter: "limit"). */
    public static List<Problem.Violation> of(
            Collection<? extends ConstraintViolation<?>> violations, String wholeBody) {
        return of(violations, wholeBody, true);
    }

    /**
     * Violations of body members only: a violated parameter (the body itself, missing) is {@code
     * wholeBody}, for a service whose only validated parameters are bodies.
     */
    public static List<Problem.Violation> ofBody(
            Collection<? extends ConstraintViolation<?>> violations, String wholeBody) {
        return of(violations, wholeBody, false);
    }

    private static List<Problem.Violation> of(
            Collection<? extends ConstraintViolation<?>> violations,
            String wholeBody,
            boolean parameters) {
        return violations.stream()
                .map(v -> new Problem.Violation(field(v, wholeBody, parameters), v.getMessage()))
                .distinct()
                .sorted(
                        Comparator.comparing(Problem.Violation::field)
                                .thenComparing(Problem.Violation::message))
                .toList();
    }

    /**
     * The JSON path of a violation ("title", "items[2].name"), or the parameter's name when the
     * parameter itself is wrong (a query parameter), or {@code wholeBody} (a missing body).
     */
    static String field(ConstraintViolation<?> v, String wholeBody, boolean parameters) {
        StringBuilder sb = new StringBuilder();
        String parameter = null;
        for (var node : v.getPropertyPath()) {
            switch (node.getKind()) {
                case PARAMETER -> parameter = node.getName();
                case PROPERTY, CONTAINER_ELEMENT -> {
                    if (node.isInIterable()) {
                        Object at = node.getIndex() != null ? node.getIndex() : node.getKey();
                        sb.append('[').append(at).append(']');
                    }
                    if (node.getKind() == ElementKind.PROPERTY) {
                        sb.append(sb.isEmpty() ? "" : ".").append(node.getName());
                    }
                }
                default -> {}
            }
        }
        if (!sb.isEmpty()) {
            return sb.toString();
        }
        return parameter == null || !parameters ? wholeBody : parameter;
    }

    /** True when the violation is of a returned value: the service's bug, not the caller's. */
    public static boolean ofReturnValue(ConstraintViolation<?> v) {
        for (var node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }
}
