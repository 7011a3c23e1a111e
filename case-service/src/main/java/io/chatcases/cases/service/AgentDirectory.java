package io.chatcases.cases.service;

import io.chatcases.cases.domain.AgentRecord;
import io.chatcases.cases.domain.CaseTransitions;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The agents who have used the console: recorded when an agent loads its tiles (every console
 * connect), so a transfer can name its new owner to the customer and the console can list whom to
 * transfer to. Keycloak stays the one source of who is an agent; this is who has been seen, with
 * the names their last token carried. A replica writes an agent at most every {@link #REFRESH}
 * unless the names changed.
 */
@ApplicationScoped
public class AgentDirectory {
    static final Duration REFRESH = Duration.ofMinutes(10);

    /** An agent as the console lists them. */
    public record AgentView(String id, String firstName, String lastName) {}

    private record Seen(String firstName, String lastName, Instant at) {}

    private final Map<String, Seen> written = new ConcurrentHashMap<>();

    @ConfigProperty(name = "cases.agents.listed-for", defaultValue = "P30D")
    Duration listedFor;

    /** Records the calling agent (admins and services are not agents to transfer to). */
    public Uni<Void> seen(Caller caller) {
        if (caller.admin() || caller.service()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        Seen last = written.get(caller.id());
        if (last != null
                && java.util.Objects.equals(last.firstName(), caller.firstName())
                && java.util.Objects.equals(last.lastName(), caller.lastName())
                && last.at().plus(REFRESH).isAfter(now)) {
            return Uni.createFrom().voidItem();
        }
        String sql =
                "INSERT INTO agent (id, first_name, last_name, seen_at) VALUES (?1, ?2, ?3, ?4)"
                        + " ON CONFLICT (id) DO UPDATE SET first_name = EXCLUDED.first_name,"
                        + " last_name = EXCLUDED.last_name, seen_at = EXCLUDED.seen_at";
        return Panache.withTransaction(
                        () ->
                                Panache.getSession()
                                        .chain(
                                                s ->
                                                        s.createNativeQuery(sql)
                                                                .setParameter(1, caller.id())
                                                                .setParameter(2, caller.firstName())
                                                                .setParameter(3, caller.lastName())
                                                                .setParameter(4, now)
                                                                .executeUpdate()))
                .invoke(
                        () ->
                                written.put(
                                        caller.id(),
                                        new Seen(caller.firstName(), caller.lastName(), now)))
                .replaceWithVoid();
    }

    /**
     * The agents seen within {@code cases.agents.listed-for} (30 days), by name. An agent deleted
     * from Keycloak, or re-created under a new id, is never seen again and so leaves the list (a
     * console connect renews an agent at least every {@link #REFRESH}).
     */
    @WithSession
    public Uni<List<AgentView>> all() {
        return AgentRecord.<AgentRecord>list(
                        "seenAt >= ?1 order by firstName, lastName, id",
                        Instant.now().minus(listedFor))
                .map(
                        list ->
                                list.stream()
                                        .map(a -> new AgentView(a.id, a.firstName, a.lastName))
                                        .toList());
    }

    /** The agent a transfer names, or a 400 problem naming the field when never seen. */
    Uni<CaseTransitions.Agent> agent(String id) {
        if (id == null || id.isBlank()) {
            return Uni.createFrom()
                    .failure(ApiException.badInput("agentId", "agentId is required."));
        }
        return AgentRecord.<AgentRecord>findById(id)
                .onItem()
                .ifNull()
                .failWith(
                        () ->
                                ApiException.badInput(
                                        "agentId",
                                        "No agent " + id + " has signed in to the console yet."))
                .map(a -> new CaseTransitions.Agent(a.id, a.firstName, a.lastName, false));
    }
}
