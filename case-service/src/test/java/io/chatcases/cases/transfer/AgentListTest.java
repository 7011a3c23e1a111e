package io.chatcases.cases.transfer;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.cases.support.Fixtures;
import io.chatcases.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The transfer list names the agents who use the console, not everyone who ever did: an agent not
 * seen for longer than {@code cases.agents.listed-for} (30 days; deleted from Keycloak, or
 * re-created under a new id) is left out.
 */
@QuarkusTest
class AgentListTest {
    @Test
    void anAgentNotSeenForThirtyDaysIsNotListed() {
        String gone = "gone-" + UUID.randomUUID();
        String recent = "recent-" + UUID.randomUUID();
        record(gone, Instant.now().minus(Duration.ofDays(31)));
        record(recent, Instant.now().minus(Duration.ofDays(29)));

        List<String> listed = listed("bob");
        assertFalse(listed.contains(gone), "not seen for 31 days: " + listed);
        assertTrue(listed.contains(recent), "seen 29 days ago: " + listed);
    }

    /** The ids {@code GET /agents} lists, asked by {@code agent}. */
    static List<String> listed(String agent) {
        return given().auth()
                .oauth2(Tokens.of(agent))
                .get("/agents")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("id");
    }

    private static void record(String id, Instant seenAt) {
        Fixtures.execute(
                "INSERT INTO agent (id, first_name, last_name, seen_at) VALUES (?1, 'Old', 'Timer',"
                        + " ?2) ON CONFLICT (id) DO UPDATE SET seen_at = EXCLUDED.seen_at",
                id,
                seenAt);
    }
}
