package io.chatcases.gateway.rest;

import io.chatcases.events.ErrorCode;
import io.chatcases.events.Problem;
import io.chatcases.gateway.client.UpstreamFailures;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Problem bodies of the gateway's own REST answers, built by service-support's {@link
 * io.chatcases.support.Problems}.
 */
final class Problems {
    private Problems() {}

    static Response.ResponseBuilder response(
            int status, ErrorCode code, String detail, List<Problem.Violation> violations) {
        return io.chatcases.support.Problems.builder(
                io.chatcases.support.Problems.of(status, code, detail).withViolations(violations));
    }

    /** An upstream service's refusal, passed on with its status and problem body. */
    static Response passThrough(Throwable failure) {
        Response upstream = ((WebApplicationException) failure).getResponse();
        int status = upstream.getStatus();
        if (status >= 500 || status == 401 || status == 403) {
            // The gateway's own identity was refused or the service failed: not the caller's doing.
            UpstreamFailures.report("case-service", failure);
            return response(
                            503,
                            ErrorCode.UNAVAILABLE,
                            "The service is unavailable; retry shortly.",
                            List.of())
                    .build();
        }
        String body = upstream.readEntity(String.class);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
