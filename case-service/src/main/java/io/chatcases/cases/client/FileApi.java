package io.chatcases.cases.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** file-service, called with the service identity. */
@RegisterRestClient(configKey = "file-service")
@OidcClientFilter
@Path("/cases/{caseId}/files")
public interface FileApi {

    /** A stored file's metadata. */
    record FileMeta(UUID fileId, String name, long size, String contentType) {}

    /** 200 with the file when it belongs to the Case, 404 otherwise. */
    @GET
    @Path("/{fileId}")
    Uni<FileMeta> get(@PathParam("caseId") UUID caseId, @PathParam("fileId") UUID fileId);
}
