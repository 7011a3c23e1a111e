package io.chatcases.cases.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** contact-service, called with the service identity (client-credentials token, role service). */
@RegisterRestClient(configKey = "contact-service")
@OidcClientFilter
@Path("/contacts")
public interface ContactApi {

    /** The chat form's data. */
    record MatchRequest(String email, String firstName, String lastName) {}

    /** The Contact owning the (normalised) email, found or created. */
    record MatchedContact(
            UUID id, String firstName, String lastName, String initials, String email) {}

    @POST
    @Path("/match")
    Uni<MatchedContact> match(MatchRequest request);
}
