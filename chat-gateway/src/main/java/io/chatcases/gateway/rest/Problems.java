package io.chatcases.gateway.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Problem bodies (RFC 9457) of the gateway's own REST answers. */
final class Problems {
    static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {}

    static Response.ResponseBuilder response(
            int status, String code, String detail, List<Map<String, String>> violations) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        Response.Status known = Response.Status.fromStatusCode(status);
        body.put("title", known == null ? "Error" : known.getReasonPhrase());
        body.put("status", status);
        body.put("code", code);
        body.put("detail", detail);
        if (!violations.isEmpty()) {
            body.put("violations", violations);
        }
        return Response.status(status).type(MEDIA_TYPE).entity(body);
    }

    /** An upstream service's refusal, passed on with its status and problem body. */
    static Response passThrough(Throwable failure) {
        Response upstream = ((WebApplicationException) failure).getResponse();
        int status = upstream.getStatus();
        if (status >= 500 || status == 401 || status == 403) {
            // The gateway's own identity was refused or the service failed: not the caller's doing.
            return response(
                            503,
                            "UNAVAILABLE",
                            "The service is unavailable; retry shortly.",
                            List.of())
                    .build();
        }
        String body = upstream.readEntity(String.class);
        return Response.status(status).type(MEDIA_TYPE).entity(body).build();
    }
}
