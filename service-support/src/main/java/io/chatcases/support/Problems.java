package io.chatcases.support;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatcases.events.ErrorCode;
import io.chatcases.events.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * How every service answers a refusal: a {@link Problem} body, {@value Problem#MEDIA_TYPE}, the
 * problem's status. The services' exception mappers stay in the services (each maps its own
 * exceptions) and build their answers here, so the four render one shape the same way.
 */
public final class Problems {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {}

    /** A problem whose title is the status' reason phrase ({@code type} is about:blank). */
    public static Problem of(int status, ErrorCode code, String detail) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return Problem.of(status, known == null ? "Error" : known.getReasonPhrase(), code, detail);
    }

    /**
     * The problem as JSON text, for answers written below JAX-RS (a Vert.x route that refuses a
     * request before any resource reads it).
     */
    public static String json(Problem problem) {
        try {
            return JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Response.ResponseBuilder builder(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    public static Response response(Problem problem) {
        return builder(problem).build();
    }

    public static Response response(int status, ErrorCode code, String detail) {
        return response(of(status, code, detail));
    }

    /**
     * No or an invalid token: 401 with the bearer challenge. Services map Quarkus' {@code
     * UnauthorizedException} and {@code AuthenticationFailedException} to it (with {@code
     * quarkus.http.auth.proactive=false}, so that authentication fails inside Quarkus REST).
     */
    public static Response unauthorized() {
        return builder(of(401, ErrorCode.UNAUTHORIZED, "A valid bearer token is required"))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    /** The role check refused a signed-in caller: Quarkus' {@code ForbiddenException}. */
    public static Response roleMissing() {
        return response(
                403, ErrorCode.FORBIDDEN, "Your token does not carry a role this operation needs");
    }

    /** The code of a bare HTTP refusal (JAX-RS' own, a proxy's): the status said as a code. */
    public static ErrorCode codeOf(int status) {
        return switch (status) {
            case 400 -> ErrorCode.BAD_REQUEST;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 409 -> ErrorCode.CONFLICT;
            case 413 -> ErrorCode.TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 416 -> ErrorCode.RANGE_NOT_SATISFIABLE;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 503 -> ErrorCode.UNAVAILABLE;
            default -> status < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL;
        };
    }

    /**
     * JAX-RS' own 4xx (unknown path, wrong method or media type) with a problem body instead of
     * none; its headers stay ({@code Allow} on a 405). A 5xx or an answer that has a body already
     * is returned as it is.
     */
    public static Response fromJaxRs(WebApplicationException e) {
        Response original = e.getResponse();
        if (original.getStatus() >= 500 || original.hasEntity()) {
            return original;
        }
        int status = original.getStatus();
        return Response.fromResponse(original)
                .entity(of(status, codeOf(status), e.getMessage()))
                .type(Problem.MEDIA_TYPE)
                .build();
    }

    /**
     * A request body Jackson could not read: 400 naming the JSON path that failed, or {@code
     * wholeBody} when the body as a whole is not JSON.
     */
    public static Response unreadableJson(JacksonException e, String wholeBody) {
        String field = jsonPath(e, wholeBody);
        String message =
                e instanceof JsonMappingException
                        ? "has the wrong type or shape"
                        : "is not well-formed JSON";
        String detail =
                field.equals(wholeBody)
                        ? "The request body " + message
                        : "The request body's " + field + " " + message;
        return response(
                of(400, ErrorCode.BAD_REQUEST, detail)
                        .withViolations(List.of(new Problem.Violation(field, message))));
    }

    /** A 400 listing its violations, the detail saying them all ("email is required; ..."). */
    public static Response invalid(List<Problem.Violation> violations) {
        String detail =
                String.join(
                        "; ", violations.stream().map(v -> v.field() + " " + v.message()).toList());
        return response(of(400, ErrorCode.BAD_REQUEST, detail).withViolations(violations));
    }

    static String jsonPath(JacksonException e, String wholeBody) {
        if (!(e instanceof JsonMappingException m) || m.getPath().isEmpty()) {
            return wholeBody;
        }
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : m.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? wholeBody : sb.toString();
    }
}
