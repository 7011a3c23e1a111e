package io.chatcases.cases.rest;

import io.chatcases.cases.service.ApiException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal of the service leaves as a problem body with the right status. */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response map(ApiException e) {
        Response.Status status = Response.Status.fromStatusCode(e.status());
        String title = status == null ? "Error" : status.getReasonPhrase();
        Problem body =
                new Problem(
                        "about:blank",
                        title,
                        e.status(),
                        e.code(),
                        e.getMessage(),
                        e.violations().isEmpty() ? null : e.violations(),
                        e.extra());
        return Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
