package io.chatcases.cases.rest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.chatcases.cases.service.ApiException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.ResteasyReactiveClientProblem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every refusal of the service leaves as a problem body with the right status: the service's own
 * ({@link ApiException}), requests that fail Bean Validation or are not readable JSON, and JAX-RS'
 * own 4xx (unknown path, wrong method or media type). 401 and 403 stay Quarkus' (with its {@code
 * WWW-Authenticate} challenge): most of them are answered before a resource is chosen.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final String BAD_REQUEST = "BAD_REQUEST";

    /** The violation field meaning the request body as a whole ("body" is a Quick Reply field). */
    public static final String WHOLE_REQUEST = "request";

    @ServerExceptionMapper
    public Response map(ApiException e) {
        return respond(
                e.status(),
                e.code(),
                e.getMessage(),
                e.violations().isEmpty() ? null : e.violations(),
                e.extra());
    }

    /**
     * Bean Validation of a resource method's parameters (body, query, path). Quarkus' own answer is
     * a non-problem report; a violated return value is our bug, so a 500.
     */
    @ServerExceptionMapper
    public Response invalidRequest(ResteasyReactiveViolationException e) {
        if (e.getConstraintViolations().stream().anyMatch(ProblemMapper::isReturnValue)) {
            LOG.error("A resource returned an invalid value", e);
            return respond(500, "INTERNAL", "The service produced an invalid answer", null, null);
        }
        List<ApiException.Violation> violations =
                e.getConstraintViolations().stream()
                        .map(v -> new ApiException.Violation(field(v), v.getMessage()))
                        .distinct()
                        .sorted(
                                Comparator.comparing(ApiException.Violation::field)
                                        .thenComparing(ApiException.Violation::message))
                        .toList();
        String detail =
                String.join(
                        "; ", violations.stream().map(v -> v.field() + " " + v.message()).toList());
        return respond(400, BAD_REQUEST, detail, violations, null);
    }

    /**
     * JSON of the wrong type or shape; Jackson rethrows these bare (priority: beat the built-in).
     */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    /** JAX-RS' own errors; a body that is not JSON at all arrives here wrapped. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JacksonException json
                && !(json instanceof InvalidDefinitionException)) {
            return unreadableJson(json);
        }
        if (e instanceof ResteasyReactiveClientProblem) {
            // Another service refused a call of ours: our failure, not the caller's bad request.
            LOG.error("A call to another service failed", e);
            return respond(500, "INTERNAL", "A call to another service failed", null, null);
        }
        Response original = e.getResponse();
        if (original.getStatus() >= 500 || original.hasEntity()) {
            return original;
        }
        Response.Status known = Response.Status.fromStatusCode(original.getStatus());
        String code = known == null ? "HTTP_" + original.getStatus() : known.name();
        // Keep the original headers (Allow on a 405, for one); replace the body.
        Response problem = respond(original.getStatus(), code, e.getMessage(), null, null);
        return Response.fromResponse(original)
                .entity(problem.getEntity())
                .type(Problem.MEDIA_TYPE)
                .build();
    }

    private static Response unreadableJson(JacksonException e) {
        String field = jsonField(e);
        String message =
                e instanceof JsonMappingException
                        ? "has the wrong type or shape"
                        : "is not well-formed JSON";
        String detail =
                field.equals(WHOLE_REQUEST)
                        ? "The request body " + message
                        : "The request body's " + field + " " + message;
        return respond(
                400,
                BAD_REQUEST,
                detail,
                List.of(new ApiException.Violation(field, message)),
                null);
    }

    private static Response respond(
            int status,
            String code,
            String detail,
            List<ApiException.Violation> violations,
            Object extra) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        Problem body = new Problem("about:blank", title, status, code, detail, violations, extra);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    private static boolean isReturnValue(ConstraintViolation<?> v) {
        return StreamSupport.stream(v.getPropertyPath().spliterator(), false)
                .anyMatch(n -> n.getKind() == ElementKind.RETURN_VALUE);
    }

    /**
     * The JSON path of a violation ("title", "items[2].name"), or the parameter's name when the
     * parameter itself is wrong (a missing body, a query parameter).
     */
    static String field(ConstraintViolation<?> v) {
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
        return parameter == null ? WHOLE_REQUEST : parameter;
    }

    private static String jsonField(JacksonException e) {
        if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) {
            return WHOLE_REQUEST;
        }
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : m.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? WHOLE_REQUEST : sb.toString();
    }
}
