package io.chatcases.cases.client;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

/** file-service's upload, called with the service identity (case-service's own files). */
@RegisterRestClient(configKey = "file-service")
@OidcClientFilter
@Path("/files")
public interface FileUploadApi {

    /**
     * Stores a file for a Case (multipart {@code caseId}, {@code file}): 201 the new file, 200 the
     * file an earlier upload with the same Idempotency-Key stored.
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    Uni<FileApi.FileMeta> upload(
            ClientMultipartForm form, @HeaderParam("Idempotency-Key") String idempotencyKey);
}
