package io.chatcases.files.rest;

import io.chatcases.files.config.FilesConfig;
import io.chatcases.files.service.TypePolicy;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The limits an upload is held to, for the UI to check and state before a byte is sent (the widget
 * and the console read it through the gateway at {@code /api/files/limits}). Public: the same
 * numbers any refusal would tell.
 */
@Path("/files/limits")
@Tag(name = "files")
@PermitAll
public class FileLimitsResource {

    /** The largest file in bytes, and the allowed kinds in words ("images, PDF, ..."). */
    public record FileLimits(long maxBytes, String allowed) {}

    @Inject FilesConfig config;
    @Inject TypePolicy types;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The upload limits: largest file and allowed kinds, in words")
    public FileLimits limits() {
        return new FileLimits(config.maxSize().asLongValue(), types.allowedSummary());
    }
}
