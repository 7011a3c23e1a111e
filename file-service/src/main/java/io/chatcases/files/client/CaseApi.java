package io.chatcases.files.client;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * case-service's Case read, called with the AGENT'S OWN token. The token is an explicit header
 * parameter rather than a {@code ClientHeadersFactory} propagating the incoming request's headers:
 * the call then carries exactly the verified token it was given, on any thread, and a test can see
 * what is sent without an incoming request around it.
 */
@RegisterRestClient(configKey = "case-service")
@Path("/cases")
public interface CaseApi {

    /**
     * 200 when the token's holder may see the Case, 403 when it is another agent's, 404 if none.
     */
    @GET
    @Path("/{caseId}")
    Uni<Response> get(
            @PathParam("caseId") UUID caseId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
