package io.chatcases.files.rest;

import io.chatcases.events.ErrorCode;
import io.chatcases.events.Roles;
import io.chatcases.files.domain.ByteRange;
import io.chatcases.files.domain.DownloadHeaders;
import io.chatcases.files.domain.StoredFile;
import io.chatcases.files.service.ApiException;
import io.chatcases.files.service.DownloadService;
import io.chatcases.files.service.UploadService;
import io.chatcases.support.Problems;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Upload and download of the files sent in a Case's chat. */
@Path("/files")
@Tag(name = "files")
@RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
public class FilesResource {

    /** What an upload answers, and what a FILE message carries. */
    public record FileCreated(UUID fileId, String name, long size, String contentType) {
        static FileCreated of(StoredFile f) {
            return new FileCreated(f.id, f.name, f.size, f.contentType);
        }
    }

    @Inject UploadService uploads;
    @Inject DownloadService downloads;
    @Inject SecurityIdentity identity;
    @Inject JsonWebToken jwt;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(
            summary = "Upload a file to a Case",
            description =
                    "Multipart with caseId and file. The type is detected from the bytes and must"
                            + " be allowed; the original name is kept, sanitised, as metadata only.")
    @APIResponse(responseCode = "201", description = "Stored: {fileId, name, size, contentType}")
    @APIResponse(
            responseCode = "200",
            description = "A service's repeated Idempotency-Key: the file the first upload stored")
    @APIResponse(responseCode = "403", description = "Not this caller's Case")
    @APIResponse(responseCode = "413", description = "Larger than files.max-size")
    @APIResponse(responseCode = "415", description = "Detected type not in files.allowed-types")
    @APIResponse(responseCode = "503", description = "case-service could not confirm access")
    public Uni<Response> upload(
            @RestForm String caseId,
            @RestForm("file") FileUpload file,
            @RestHeader(Callers.CHAT_CASE) String chatCase,
            @RestHeader("Idempotency-Key") String idempotencyKey) {
        UUID target = requiredCase(caseId);
        if (file == null || file.uploadedFile() == null) {
            throw ApiException.badRequest("The form needs a 'file' part");
        }
        var caller = Callers.of(identity, jwt, chatCase);
        var upload = new UploadService.Upload(file.uploadedFile(), file.size(), file.fileName());
        return uploads.upload(caller, target, upload, idempotencyKey)
                .map(
                        result ->
                                (result.created()
                                                ? Response.created(
                                                        URI.create("files/" + result.file().id))
                                                : Response.ok()
                                                        .location(
                                                                URI.create(
                                                                        "files/"
                                                                                + result.file()
                                                                                        .id)))
                                        .entity(FileCreated.of(result.file()))
                                        .type(MediaType.APPLICATION_JSON)
                                        .build());
    }

    @GET
    @Path("/{fileId}")
    @Blocking
    @Operation(
            summary = "Download a file",
            description =
                    "As an attachment with the detected type and nosniff; ETag (the SHA-256) with"
                            + " If-None-Match, and single byte ranges for audio and video.")
    @APIResponse(responseCode = "200", description = "The whole file")
    @APIResponse(responseCode = "206", description = "One byte range")
    @APIResponse(responseCode = "304", description = "If-None-Match matched the ETag")
    @APIResponse(responseCode = "403", description = "Not this caller's Case")
    @APIResponse(responseCode = "404", description = "No such file")
    @APIResponse(responseCode = "416", description = "Range outside the file")
    public Response download(
            @RestPath UUID fileId,
            @RestHeader("Range") String range,
            @RestHeader(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @RestHeader("If-Range") String ifRange,
            @RestHeader(Callers.CHAT_CASE) String chatCase)
            throws IOException {
        var caller = Callers.of(identity, jwt, chatCase);
        StoredFile file = downloads.authorisedFile(caller, fileId);
        String etag = DownloadHeaders.etag(file.sha256);
        if (DownloadHeaders.noneMatchHits(ifNoneMatch, etag)) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).build();
        }
        Optional<ByteRange> part;
        try {
            part =
                    DownloadHeaders.ifRangeHolds(ifRange, etag)
                            ? ByteRange.parse(range, file.size)
                            : Optional.empty();
        } catch (ByteRange.NotSatisfiable e) {
            return Problems.builder(
                            Problems.of(416, ErrorCode.RANGE_NOT_SATISFIABLE, e.getMessage()))
                    .header("Content-Range", "bytes */" + file.size)
                    .header("Accept-Ranges", "bytes")
                    .build();
        }
        return bytes(file, etag, part);
    }

    /** The whole file (200) or one range of it (206), streamed from storage. */
    private Response bytes(StoredFile file, String etag, Optional<ByteRange> part)
            throws IOException {
        // Opened before the answer starts, so a storage failure is still a clean 500 problem.
        InputStream bytes = downloads.open(file, part.orElse(null));
        Response.ResponseBuilder response =
                Response.status(part.isPresent() ? 206 : 200)
                        .entity(copy(bytes))
                        .type(file.contentType)
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                DownloadHeaders.attachment(file.name))
                        .header("X-Content-Type-Options", "nosniff")
                        // Even opened in a tab, the file runs no script and loads nothing.
                        .header("Content-Security-Policy", "default-src 'none'; sandbox")
                        .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                        .header(HttpHeaders.ETAG, etag)
                        .header("Accept-Ranges", "bytes")
                        .header(
                                HttpHeaders.CONTENT_LENGTH,
                                part.map(ByteRange::length).orElse(file.size));
        part.ifPresent(r -> response.header("Content-Range", r.contentRange(file.size)));
        return response.build();
    }

    private static StreamingOutput copy(InputStream bytes) {
        return out -> {
            try (InputStream in = bytes) {
                in.transferTo(out);
            }
        };
    }

    private static UUID requiredCase(String caseId) {
        if (caseId == null || caseId.isBlank()) {
            throw ApiException.badRequest("The form needs a 'caseId' field");
        }
        try {
            return UUID.fromString(caseId.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("caseId is not a Case id");
        }
    }
}
