package io.chatcases.files.rest;

import io.chatcases.events.Roles;
import io.chatcases.files.domain.StoredFile;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The Case panel's Files tab: every file sent in a Case's chat, newest first. */
@Path("/cases/{caseId}/files")
public class CaseFilesResource {

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
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    public Uni<List<FileView>> list(@PathParam("caseId") UUID caseId) {
        return StoredFile.<StoredFile>find("caseId", Sort.descending("createdAt"), caseId)
                .list()
                .map(files -> files.stream().map(FileView::of).toList());
    }

    /** One file of the Case; 404 when the file does not exist or belongs to another Case. */
    @GET
    @Path("/{fileId}")
    @WithSession
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    public Uni<FileView> get(@PathParam("caseId") UUID caseId, @PathParam("fileId") UUID fileId) {
        return StoredFile.<StoredFile>find("id = ?1 and caseId = ?2", fileId, caseId)
                .firstResult()
                .onItem()
                .ifNull()
                .failWith(() -> new NotFoundException("No file " + fileId + " in Case " + caseId))
                .map(FileView::of);
    }
}
