package io.chatcases.cases.rest;

import io.chatcases.cases.service.AgentDirectory;
import io.chatcases.cases.service.ApiException;
import io.chatcases.cases.service.TileService;
import io.chatcases.events.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The calling agent's tiles, and the Cases beyond them (the console's "+N" list). */
@Path("/tiles")
public class TileResource {
    /** The most Cases one page of the "+N" list carries. */
    public static final int MAX_LIMIT = 100;

    /** Far beyond any real queue; keeps the number an int. */
    public static final int MAX_OFFSET = 1_000_000;

    @Inject TileService tiles;
    @Inject AgentDirectory agents;
    @Inject Callers callers;

    @GET
    @RolesAllowed(Roles.AGENT)
    @Operation(
            summary =
                    "My tiles: NEW Cases and mine, oldest first, at most 7, plus how many more;"
                            + " with offset/limit, a page of the same list (offset=7: the Cases"
                            + " beyond the tiles)")
    public Uni<TileService.Tiles> tiles(
            @Parameter(description = "Cases to skip, oldest first (0 or more; default 0)")
                    @QueryParam("offset")
                    String offset,
            @Parameter(description = "Cases to return, 1 to 100 (default 7)") @QueryParam("limit")
                    String limit) {
        int from = number("offset", offset, 0, 0, MAX_OFFSET);
        int size = number("limit", limit, TileService.DEFAULT_LIMIT, 1, MAX_LIMIT);
        // Every console connect loads the tiles: the agent is recorded as a transfer target.
        return agents.seen(callers.current())
                .chain(() -> tiles.tiles(callers.current(), from, size));
    }

    private static int number(String name, String raw, int dflt, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        String message = name + " must be a whole number between " + min + " and " + max + ".";
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badInput(name, message);
        }
        if (value < min || value > max) {
            throw ApiException.badInput(name, message);
        }
        return value;
    }
}
