package io.chatcases.gateway.limits;

import io.chatcases.events.ErrorCode;
import io.chatcases.events.Problem;
import io.chatcases.gateway.config.GatewayConfig;
import io.chatcases.support.Problems;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The chat start is public: its body is refused (413) from its declared length, before anything
 * reads it. The global body limit stays high for file uploads that pass through the gateway. A
 * chunked start, whose length is unknown until read, is refused with 411.
 */
@ApplicationScoped
public class StartBodyLimit {
    static final String PATH = "/api/chats";

    void register(@Observes Filters filters, GatewayConfig config) {
        int max = config.limits().startBodyBytes();
        filters.register(
                rc -> {
                    HttpServerRequest req = rc.request();
                    if (req.method() != HttpMethod.POST || !PATH.equals(req.path())) {
                        rc.next();
                        return;
                    }
                    String length = req.getHeader("Content-Length");
                    if (length == null && req.getHeader("Transfer-Encoding") != null) {
                        problem(
                                rc.response(),
                                411,
                                ErrorCode.BAD_FRAME,
                                "Send the chat start with a Content-Length.");
                    } else if (length != null && tooLong(length, max)) {
                        problem(
                                rc.response(),
                                413,
                                ErrorCode.TOO_LARGE,
                                "The chat start is limited to " + max + " bytes.");
                    } else {
                        rc.next();
                    }
                },
                100);
    }

    static boolean tooLong(String contentLength, int max) {
        try {
            return Long.parseLong(contentLength.strip()) > max;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static void problem(
            io.vertx.core.http.HttpServerResponse response,
            int status,
            ErrorCode code,
            String detail) {
        response.setStatusCode(status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close")
                .end(Problems.json(Problems.of(status, code, detail)));
    }
}
