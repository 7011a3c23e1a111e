package io.chatcases.cases.rest;

import io.chatcases.cases.service.AgentDirectory;
import io.chatcases.cases.service.TileService;
import io.chatcases.events.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The calling agent's tiles. */
@Path("/tiles")
public class TileResource {
    @Inject TileService tiles;
    @Inject AgentDirectory agents;
    @Inject Callers callers;

    @GET
    @RolesAllowed(Roles.AGENT)
    @Operation(
            summary = "My tiles: NEW Cases and mine, oldest first, at most 7, plus how many more")
    public Uni<TileService.Tiles> tiles() {
        // Every console connect loads the tiles: the agent is recorded as a transfer target.
        return agents.seen(callers.current()).chain(() -> tiles.tiles(callers.current()));
    }
}
