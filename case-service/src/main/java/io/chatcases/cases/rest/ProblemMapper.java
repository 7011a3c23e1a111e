package io.chatcases.cases.rest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.chatcases.cases.service.ApiException;
import io.chatcases.events.ErrorCode;
import io.chatcases.support.Problems;
import io.chatcases.support.ViolationFields;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.ResteasyReactiveClientProblem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every refusal of the service leaves as a problem body ({@link Problems}) with the right status:
 * the service's own ({@link ApiException}), requests that fail Bean Validation or are not readable
 * JSON, and JAX-RS' own 4xx (unknown path, wrong method or media type), and Quarkus' 401 (with the
 * {@code WWW-Authenticate} challenge) and role-check 403.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /** The violation field meaning the request body as a whole ("body" is a Quick Reply field). */
    public static final String WHOLE_REQUEST = "request";

    @ServerExceptionMapper
    public Response map(ApiException e) {
        return Problems.response(
                Problems.of(e.status(), e.code(), e.getMessage())
                        .withViolations(e.violations())
                        .withOwner(e.owner()));
    }

    /** No or an invalid token (authentication runs inside Quarkus REST: proactive auth is off). */
    @ServerExceptionMapper(priority = 1)
    public Response unauthorized(UnauthorizedException e) {
        return Problems.unauthorized();
    }

    @ServerExceptionMapper(priority = 1)
    public Response authenticationFailed(AuthenticationFailedException e) {
        return Problems.unauthorized();
    }

    /** The role check's refusal of a signed-in caller. */
    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException e) {
        return Problems.roleMissing();
    }

    /**
     * Bean Validation of a resource method's parameters (body, query, path). Quarkus' own answer is
     * a non-problem report; a violated return value is our bug, so a 500.
     */
    @ServerExceptionMapper
    public Response invalidRequest(ResteasyReactiveViolationException e) {
        if (e.getConstraintViolations().stream().anyMatch(ViolationFields::ofReturnValue)) {
            LOG.error("A resource returned an invalid value", e);
            return Problems.response(
                    500, ErrorCode.INTERNAL, "The service produced an invalid answer");
        }
        return Problems.invalid(ViolationFields.of(e.getConstraintViolations(), WHOLE_REQUEST));
    }

    /**
     * JSON of the wrong type or shape; Jackson rethrows these bare (priority: beat the built-in).
     */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedJson(MismatchedInputException e) {
        return Problems.unreadableJson(e, WHOLE_REQUEST);
    }

    /** JAX-RS' own errors; a body that is not JSON at all arrives here wrapped. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JacksonException json
                && !(json instanceof InvalidDefinitionException)) {
            return Problems.unreadableJson(json, WHOLE_REQUEST);
        }
        if (e instanceof ResteasyReactiveClientProblem) {
            // Another service refused a call of ours: our failure, not the caller's bad request.
            LOG.error("A call to another service failed", e);
            return Problems.response(500, ErrorCode.INTERNAL, "A call to another service failed");
        }
        return Problems.fromJaxRs(e);
    }
}
