package io.chatcases.contacts.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.chatcases.contacts.domain.InvalidEmailAddressException;
import io.chatcases.contacts.service.ContactNotFoundException;
import io.chatcases.contacts.service.EmailTakenException;
import io.chatcases.contacts.service.ExternalIdTakenException;
import io.chatcases.contacts.service.InvalidInputException;
import io.chatcases.events.ErrorCode;
import io.chatcases.events.Problem;
import io.chatcases.support.Problems;
import io.chatcases.support.ViolationFields;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place errors become HTTP answers: every 4xx carries a problem body ({@link Problems})
 * saying what was wrong and, for bad input, which field.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** The violation field meaning the request body as a whole. */
    static final String WHOLE_BODY = "body";

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e) {
        List<Problem.Violation> violations =
                e.errors().stream()
                        .map(f -> new Problem.Violation(f.field(), f.message()))
                        .toList();
        return Problems.response(
                Problems.of(400, ErrorCode.BAD_REQUEST, e.getMessage()).withViolations(violations));
    }

    @ServerExceptionMapper
    public Response invalidEmail(InvalidEmailAddressException e) {
        return Problems.invalid(List.of(new Problem.Violation("email", e.getMessage())));
    }

    /** Bean Validation of request bodies; overrides Quarkus' own (non-problem) report. */
    @ServerExceptionMapper(priority = 1)
    public Response constraintViolations(ValidationException e) {
        if (!(e instanceof ConstraintViolationException cve)) {
            LOG.error("Validation could not run", e);
            return Problems.response(500, ErrorCode.INTERNAL, "validation failed");
        }
        return Problems.invalid(ViolationFields.ofBody(cve.getConstraintViolations(), WHOLE_BODY));
    }

    /** Unreadable JSON: syntax errors, wrong types, unknown shapes. */
    @ServerExceptionMapper(priority = 1)
    public Response unreadableJson(JsonProcessingException e) {
        return Problems.unreadableJson(e, WHOLE_BODY);
    }

    /** Wrong JSON types; more specific than the above, so it must be mapped on its own. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response notFound(ContactNotFoundException e) {
        return Problems.response(404, ErrorCode.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response emailTaken(EmailTakenException e) {
        return Problems.response(
                Problems.of(409, ErrorCode.EMAIL_TAKEN, e.getMessage()).withContactId(e.ownerId()));
    }

    @ServerExceptionMapper
    public Response externalIdTaken(ExternalIdTakenException e) {
        return Problems.response(409, ErrorCode.EXTERNAL_ID_TAKEN, e.getMessage());
    }

    @ServerExceptionMapper(priority = 1)
    public Response unauthorized(UnauthorizedException e) {
        return Problems.unauthorized();
    }

    @ServerExceptionMapper(priority = 1)
    public Response authenticationFailed(AuthenticationFailedException e) {
        return Problems.unauthorized();
    }

    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException e) {
        return Problems.roleMissing();
    }

    /** JAX-RS' own errors (unknown path, wrong method or media type, unreadable body). */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        return Problems.fromJaxRs(e);
    }
}
