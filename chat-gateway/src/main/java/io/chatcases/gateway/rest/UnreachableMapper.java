package io.chatcases.gateway.rest;

import io.chatcases.events.ErrorCode;
import io.chatcases.gateway.client.UpstreamFailures;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The gateway's REST resources call case-service; when it does not answer at all (connection
 * refused or reset, read timeout) the caller gets a 503 problem ({@code UNAVAILABLE}, {@code
 * Retry-After}) instead of a bare 500, and the log says what failed ({@link UpstreamFailures}). Its
 * refusals and 5xx answers are handled by {@link Problems#passThrough}.
 */
class UnreachableMapper {
    static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper({
        ProcessingException.class,
        ConnectException.class,
        TimeoutException.class,
        io.smallrye.mutiny.TimeoutException.class,
        io.vertx.core.VertxException.class
    })
    Response unreachable(Exception failure) {
        UpstreamFailures.report("case-service", failure);
        return Problems.response(
                        503,
                        ErrorCode.UNAVAILABLE,
                        "The service is unavailable; retry shortly.",
                        List.of())
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .build();
    }
}
