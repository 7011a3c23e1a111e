package io.chatcases.cases.tiles;

import static io.chatcases.cases.support.Fixtures.await;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.cases.domain.TileRules;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.service.Housekeeping;
import io.chatcases.cases.support.CaseEventsTopic;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.events.CaseStatus;
import io.chatcases.events.EventType;
import io.chatcases.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tiles rebuilt from chat.case-events equal GET /tiles: after a random mix of starts, concurrent
 * claims by several agents, resolves and closes, each agent's tiles folded from the published
 * events with {@link TileRules} are exactly what the REST query answers. So a console that keeps
 * its tiles from the events alone shows what a reload would.
 */
@QuarkusTest
class TilesFromEventsTest {
    private static final List<String> AGENTS = List.of("alice", "bob", "carol");
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject CaseService cases;
    @Inject Housekeeping housekeeping;
    @Inject Pool db;

    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, String> agentIds = new HashMap<>();

    @BeforeEach
    void noOtherOpenCases() {
        // Tiles show every NEW Case: start from a database with none left by other tests.
        Fixtures.execute(
                "UPDATE chat_case SET status = 'CLOSED', owner_id = coalesce(owner_id, 'cleanup')"
                        + " WHERE status IN ('NEW', 'READY', 'RESOLVED')");
        for (String agent : AGENTS) {
            String token = Tokens.of(agent);
            tokens.put(agent, token);
        }
    }

    @Test
    void tilesFoldedFromEventsEqualTheTilesQuery() throws Exception {
        Random random = new Random();
        Set<String> started = new LinkedHashSet<>();
        ExecutorService pool = Executors.newFixedThreadPool(AGENTS.size());
        try {
            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < 4 + random.nextInt(4); i++) {
                    started.add(Fixtures.startCase(cases).id.toString());
                }
                List<String> open = new ArrayList<>(started);
                for (int i = 0; i < 3; i++) {
                    claimConcurrently(pool, open.get(random.nextInt(open.size())));
                }
                for (String id : open) {
                    if (random.nextInt(3) == 0) {
                        resolveAsOwner(id);
                    }
                }
                if (random.nextBoolean()) {
                    await(() -> housekeeping.closeResolvedBefore(Instant.now().plusSeconds(1)));
                }
                // The end state: every committed event is acknowledged by the broker (the relay
                // stamps a row only then), so the topic holds each Case's last view.
                awaitNothingPending();
                for (String agent : AGENTS) {
                    assertTilesMatch(agent, started);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void awaitNothingPending() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long pending = pending();
        while (pending > 0 && System.nanoTime() < deadline) {
            pending = pending();
        }
        assertEquals(0L, pending, "outbox rows still unpublished");
    }

    private long pending() {
        return db.query("SELECT count(*) FROM outbox_event WHERE published_at IS NULL")
                .executeAndAwait()
                .iterator()
                .next()
                .getLong(0);
    }

    /** All agents claim {@code caseId} at once; exactly one wins when it is NEW. */
    private void claimConcurrently(ExecutorService pool, String caseId) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(AGENTS.size());
        List<Future<Integer>> claims = new ArrayList<>();
        for (String agent : AGENTS) {
            claims.add(
                    pool.submit(
                            () -> {
                                barrier.await();
                                return given().auth()
                                        .oauth2(tokens.get(agent))
                                        .post("/cases/{id}/claim", caseId)
                                        .then()
                                        .extract()
                                        .statusCode();
                            }));
        }
        for (Future<Integer> claim : claims) {
            int status = claim.get();
            if (status != 200 && status != 409) {
                throw new AssertionError("claim answered " + status);
            }
        }
    }

    private void resolveAsOwner(String caseId) {
        for (String agent : AGENTS) {
            int status =
                    given().auth()
                            .oauth2(tokens.get(agent))
                            .post("/cases/{id}/resolve", caseId)
                            .then()
                            .extract()
                            .statusCode();
            if (status == 200) {
                return;
            }
        }
    }

    private void assertTilesMatch(String agent, Set<String> started) {
        JsonPath actual =
                given().auth()
                        .oauth2(tokens.get(agent))
                        .get("/tiles")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
        String agentId = agentIds.computeIfAbsent(agent, a -> agentIdOf(a));
        // Fold: the last event of each Case carries its current view (one key, one partition, in
        // commit order); read marks come from case.read.
        List<CaseEventsTopic.Event> events = CaseEventsTopic.eventsFor(started);
        assertEquals(
                new java.util.TreeSet<>(started),
                lastViews(events).keySet(),
                "every Case has published its view");
        Map<String, JsonNode> views = lastViews(events);
        Map<String, Long> readMarks = new HashMap<>();
        for (CaseEventsTopic.Event e : events) {
            if (e.type() == EventType.CASE_READ
                    && agentId.equals(e.payload().at("/read/agentId").asText())) {
                readMarks.merge(e.key(), e.payload().at("/read/seq").asLong(), Math::max);
            }
        }
        List<JsonNode> visible =
                views.values().stream()
                        .filter(
                                v ->
                                        TileRules.tile(
                                                        state(v),
                                                        agentId,
                                                        readMarks.getOrDefault(
                                                                v.at("/caseId").asText(), 0L),
                                                        false)
                                                .isPresent())
                        .sorted(
                                Comparator.comparing(
                                                (JsonNode v) ->
                                                        Instant.parse(v.at("/createdAt").asText()))
                                        .thenComparing(v -> v.at("/caseId").asText()))
                        .toList();
        List<JsonNode> shown = visible.subList(0, Math.min(TileRules.MAX_TILES, visible.size()));
        List<String> expected =
                shown.stream()
                        .map(
                                v ->
                                        v.at("/caseId").asText()
                                                + " "
                                                + TileRules.tile(state(v), agentId, 0L, false)
                                                        .orElseThrow()
                                                        .color())
                        .toList();
        List<String> ids = actual.getList("tiles.case.caseId", String.class);
        List<String> colors = actual.getList("tiles.color", String.class);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            got.add(ids.get(i) + " " + colors.get(i));
        }
        assertEquals(expected, got, agent + "'s tiles");
        assertEquals(visible.size() - shown.size(), actual.getLong("more"), agent + "'s more");
    }

    /** Each Case's view from its last event (case.* and message.posted carry the whole view). */
    private static Map<String, JsonNode> lastViews(List<CaseEventsTopic.Event> events) {
        Map<String, JsonNode> views = new java.util.TreeMap<>();
        for (CaseEventsTopic.Event e : events) {
            JsonNode view = e.payload().get("case");
            if (view != null && !view.isNull()) {
                views.put(e.key(), view);
            }
        }
        return views;
    }

    private static TileRules.CaseState state(JsonNode view) {
        JsonNode owner = view.get("owner");
        return new TileRules.CaseState(
                CaseStatus.valueOf(view.at("/status").asText()),
                owner == null || owner.isNull() ? null : owner.get("id").asText(),
                0L);
    }

    /** The agent's id is its token's subject, as the service sees it. */
    private String agentIdOf(String agent) {
        String payload = tokens.get(agent).split("\\.")[1];
        String json =
                new String(
                        java.util.Base64.getUrlDecoder().decode(payload),
                        java.nio.charset.StandardCharsets.UTF_8);
        return new JsonPath(json).getString("sub");
    }
}
