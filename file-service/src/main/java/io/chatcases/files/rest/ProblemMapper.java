package io.chatcases.files.rest;

import io.chatcases.files.service.ApiException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every refusal leaves as a problem body: the service's own ({@link ApiException}) and JAX-RS' 4xx
 * (unknown path, wrong method or media type). 401 and 403 of the role checks stay Quarkus' own
 * (with the {@code WWW-Authenticate} challenge).
 */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response map(ApiException e) {
        return respond(e.status(), e.code(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response original = e.getResponse();
        if (original.getStatus() >= 500 || original.hasEntity()) {
            return original;
        }
        if (original.getStatus() == 413) {
            // The multipart parser met quarkus.http.limits.max-body-size: the same refusal as ours.
            return respond(413, "TOO_LARGE", "The upload is larger than this service accepts");
        }
        Response.Status known = Response.Status.fromStatusCode(original.getStatus());
        String code = known == null ? "HTTP_" + original.getStatus() : known.name();
        Response problem = respond(original.getStatus(), code, e.getMessage());
        return Response.fromResponse(original)
                .entity(problem.getEntity())
                .type(Problem.MEDIA_TYPE)
                .build();
    }

    /**
     * Storage failures: logged with their cause, answered without it. A multipart body the parser
     * cannot read (no closing boundary, cut short) is the caller's: 400.
     */
    @ServerExceptionMapper
    public Response storage(IOException e) {
        if (fromMultipartParser(e)) {
            return respond(400, "BAD_REQUEST", "The multipart body is malformed");
        }
        LOG.error("File storage failed", e);
        return respond(500, "INTERNAL", "The file storage failed");
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

    static Response respond(int status, String code, String detail) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, code, detail))
                .build();
    }
}
