package io.chatcases.cases.rest;

import io.chatcases.cases.service.AgentDirectory;
import io.chatcases.events.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The agents a Case can be transferred to: those who have signed in to the console. */
@Path("/agents")
public class AgentResource {
    @Inject AgentDirectory agents;

    @GET
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Agents who have signed in to the console, by name (transfer targets)")
    public Uni<List<AgentDirectory.AgentView>> agents() {
        return agents.all();
    }
}
