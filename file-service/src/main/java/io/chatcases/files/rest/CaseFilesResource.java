package io.chatcases.files.rest;

import io.chatcases.events.Roles;
import io.chatcases.files.domain.StoredFile;
import io.chatcases.files.service.ApiException;
import io.chatcases.files.service.Attachments;
import io.chatcases.files.service.Caller;
import io.chatcases.files.service.FileAccess;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;

/** The Case panel's Files tab: every file sent in a Case's chat, newest first. */
@Path("/cases/{caseId}/files")
@Tag(name = "files")
@RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
public class CaseFilesResource {

    @Inject FileAccess access;
    @Inject Attachments attachments;
    @Inject SecurityIdentity identity;
    @Inject JsonWebToken jwt;

    /** One row of the Files tab. */
    public record FileView(
            UUID fileId,
            String name,
            long size,
            String contentType,
            String uploaderType,
            String uploaderName,
            OffsetDateTime createdAt) {
        static FileView of(StoredFile f) {
            return new FileView(
                    f.id,
                    f.name,
                    f.size,
                    f.contentType,
                    f.uploaderType,
                    f.uploaderName,
                    f.createdAt);
        }
    }

    @GET
    @WithSession
    @Operation(
            summary = "The Files tab of a Case",
            description = "Every file of the Case, newest first, with who sent it and when.")
    public Uni<List<FileView>> list(
            @PathParam("caseId") UUID caseId, @RestHeader(Callers.CHAT_CASE) String chatCase) {
        return access.authorise(Callers.of(identity, jwt, chatCase), caseId)
                .chain(
                        () ->
                                StoredFile.<StoredFile>find(
                                                "caseId",
                                                Sort.descending("createdAt").and("id"),
                                                caseId)
                                        .list())
                .map(files -> files.stream().map(FileView::of).toList());
    }

    /**
     * One file of the Case; 404 when the file does not exist or belongs to another Case.
     * case-service calls this (service token, no X-Chat-Case) before it posts a FILE message: that
     * call marks the file attached, so the unattached-file sweep keeps it (service/Attachments).
     */
    @GET
    @Path("/{fileId}")
    @WithSession
    @Operation(summary = "A file's metadata, if it belongs to the Case")
    public Uni<FileView> get(
            @PathParam("caseId") UUID caseId,
            @PathParam("fileId") UUID fileId,
            @RestHeader(Callers.CHAT_CASE) String chatCase) {
        Caller caller = Callers.of(identity, jwt, chatCase);
        return access.authorise(caller, caseId)
                .chain(() -> attachments.markIfSystem(caller, caseId, fileId))
                .chain(
                        () ->
                                StoredFile.<StoredFile>find(
                                                "id = ?1 and caseId = ?2", fileId, caseId)
                                        .<StoredFile>firstResult())
                .map(
                        file -> {
                            if (file == null) {
                                throw ApiException.notFound(
                                        "No file " + fileId + " in Case " + caseId);
                            }
                            return FileView.of(file);
                        });
    }
}
