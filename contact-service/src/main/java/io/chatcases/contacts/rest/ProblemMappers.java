package io.chatcases.contacts.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.chatcases.contacts.domain.InvalidEmailAddressException;
import io.chatcases.contacts.service.ContactNotFoundException;
import io.chatcases.contacts.service.EmailTakenException;
import io.chatcases.contacts.service.ExternalIdTakenException;
import io.chatcases.contacts.service.InvalidInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place errors become HTTP answers: every 4xx carries an application/problem+json body
 * saying what was wrong and, for bad input, which field.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e) {
        List<Problem.Violation> violations =
                e.errors().stream()
                        .map(f -> new Problem.Violation(f.field(), f.message()))
                        .toList();
        return respond(Problem.invalid(e.getMessage(), violations));
    }

    @ServerExceptionMapper
    public Response invalidEmail(InvalidEmailAddressException e) {
        return respond(
                Problem.invalid(
                        "email " + e.getMessage(),
                        List.of(new Problem.Violation("email", e.getMessage()))));
    }

    /** Bean Validation of request bodies; overrides Quarkus' own (non-problem) report. */
    @ServerExceptionMapper(priority = 1)
    public Response constraintViolations(ValidationException e) {
        if (!(e instanceof ConstraintViolationException cve)) {
            LOG.error("Validation could not run", e);
            return respond(Problem.of("internal", "Internal error", 500, "validation failed"));
        }
        List<Problem.Violation> violations =
                cve.getConstraintViolations().stream()
                        .map(v -> new Problem.Violation(field(v), v.getMessage()))
                        .sorted(
                                Comparator.comparing(Problem.Violation::field)
                                        .thenComparing(Problem.Violation::message))
                        .distinct()
                        .toList();
        String detail =
                violations.stream()
                        .map(v -> v.field() + " " + v.message())
                        .reduce((a, b) -> a + "; " + b)
                        .orElse("invalid input");
        return respond(Problem.invalid(detail, violations));
    }

    /** Unreadable JSON: syntax errors, wrong types, unknown shapes. */
    @ServerExceptionMapper(priority = 1)
    public Response unreadableJson(JsonProcessingException e) {
        String field = jsonField(e);
        String message =
                e instanceof JsonMappingException
                        ? "has the wrong type or shape"
                        : "is not well-formed JSON";
        return respond(
                Problem.invalid(
                        field.equals("body")
                                ? "The request body is not well-formed JSON"
                                : field + " " + message,
                        List.of(new Problem.Violation(field, message))));
    }

    /** Wrong JSON types; more specific than the above, so it must be mapped on its own. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response notFound(ContactNotFoundException e) {
        return respond(Problem.of("not-found", "Contact not found", 404, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response emailTaken(EmailTakenException e) {
        return respond(
                Problem.of("email-taken", "Email belongs to another contact", 409, e.getMessage())
                        .withContactId(e.ownerId()));
    }

    @ServerExceptionMapper
    public Response externalIdTaken(ExternalIdTakenException e) {
        return respond(
                Problem.of(
                        "external-id-taken",
                        "External id belongs to another contact",
                        409,
                        e.getMessage()));
    }

    @ServerExceptionMapper(priority = 1)
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper(priority = 1)
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException e) {
        return respond(
                Problem.of(
                        "forbidden",
                        "Forbidden",
                        403,
                        "Your token does not carry a role this operation needs"));
    }

    /** JAX-RS' own errors (unknown path, wrong method or media type, unreadable body). */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return e.getResponse();
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return respond(Problem.of("http-" + status, title, status, String.valueOf(e.getMessage())));
    }

    private static Response unauthenticated() {
        return Response.fromResponse(
                        respond(
                                Problem.of(
                                        "unauthorized",
                                        "Unauthorized",
                                        401,
                                        "A valid bearer token is required")))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    private static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    /** "email", "emails[1]", "firstName"; "body" for the request body as a whole. */
    static String field(ConstraintViolation<?> v) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : v.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD
                    || kind == ElementKind.CONSTRUCTOR
                    || kind == ElementKind.PARAMETER
                    || kind == ElementKind.CROSS_PARAMETER
                    || kind == ElementKind.RETURN_VALUE
                    || kind == ElementKind.BEAN) {
                continue;
            }
            if (node.isInIterable()) {
                sb.append('[')
                        .append(node.getIndex() != null ? node.getIndex() : node.getKey())
                        .append(']');
            }
            if (kind == ElementKind.PROPERTY) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(node.getName());
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    private static String jsonField(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) {
            return "body";
        }
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : m.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }
}
