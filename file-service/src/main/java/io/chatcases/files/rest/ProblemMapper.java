package io.chatcases.files.rest;

import io.chatcases.events.ErrorCode;
import io.chatcases.files.service.ApiException;
import io.chatcases.support.Problems;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every refusal leaves as a problem body ({@link Problems}): the service's own ({@link
 * ApiException}) and JAX-RS' 4xx (unknown path, wrong method or media type), and Quarkus' 401 (with
 * the {@code WWW-Authenticate} challenge) and role-check 403.
 */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    static final String TOO_LARGE_DETAIL = "The upload is larger than this service accepts";

    @ServerExceptionMapper
    public Response map(ApiException e) {
        return Problems.response(e.status(), e.code(), e.getMessage());
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

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getResponse().getStatus() == 413 && !e.getResponse().hasEntity()) {
            // The multipart parser met quarkus.http.limits.max-body-size: the same refusal as ours.
            return Problems.response(413, ErrorCode.TOO_LARGE, TOO_LARGE_DETAIL);
        }
        return Problems.fromJaxRs(e);
    }

    /**
     * Storage failures: logged with their cause, answered without it. A multipart body the parser
     * cannot read (no closing boundary, cut short) is the caller's: 400.
     */
    @ServerExceptionMapper
    public Response storage(IOException e) {
        if (fromMultipartParser(e)) {
            return Problems.response(400, ErrorCode.BAD_REQUEST, "The multipart body is malformed");
        }
        LOG.error("File storage failed", e);
        return Problems.response(500, ErrorCode.INTERNAL, "The file storage failed");
    }

    private static boolean fromMultipartParser(IOException e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith(MULTIPART_PARSER)) {
                return true;
            }
        }
        return false;
    }

    private static final String MULTIPART_PARSER =
            "org.jboss.resteasy.reactive.server.core.multipart.";
}
