package io.chatcases.files.rest;

import io.chatcases.events.ErrorCode;
import io.chatcases.events.Problem;
import io.chatcases.support.Problems;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;

/**
 * An upload larger than {@code quarkus.http.limits.max-body-size} is stopped by the multipart
 * parser as soon as the limit is passed: nothing more is written to disk, the resource method never
 * runs, and {@link ProblemMapper} answers 413 at once. The client's remaining bytes are still read
 * and dropped rather than the connection being cut, so that the client (and the gateway proxying
 * it) receives that 413 instead of a reset.
 *
 * <p>Each further chunk makes the parser fail again, after the answer has gone out; those repeats
 * are expected and are dropped here rather than logged by Quarkus as server errors.
 */
@ApplicationScoped
public class BodyLimitProblem {
    private static final String TOO_LARGE =
            Problems.json(Problems.of(413, ErrorCode.TOO_LARGE, ProblemMapper.TOO_LARGE_DETAIL));

    void install(@Observes Router router) {
        router.route("/files").failureHandler(BodyLimitProblem::handle);
    }

    private static void handle(RoutingContext context) {
        boolean tooLarge =
                context.statusCode() == 413
                        || (context.failure() instanceof WebApplicationException web
                                && web.getResponse().getStatus() == 413);
        if (!tooLarge) {
            context.next();
        } else if (!context.response().headWritten()) {
            // Not answered yet (a limit met before JAX-RS took the request): same problem body.
            context.response()
                    .setStatusCode(413)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(TOO_LARGE);
        }
    }
}
