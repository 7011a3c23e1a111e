package io.chatcases.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An agent-only endpoint of a service accepts a real Keycloak token of an agent, answers 401
 * without a token or with a forged one, and 403 to a signed-in user without the agent role.
 */
public abstract class AgentOnlyContract {

    /** A GET path of the service that only agents may read. */
    protected abstract String agentOnlyPath();

    @Test
    public void agentTokenIsAccepted() {
        given().auth()
                .oauth2(Tokens.of("alice"))
                .when()
                .get(agentOnlyPath())
                .then()
                .statusCode(200);
    }

    @Test
    public void missingTokenIsUnauthorized() {
        given().when().get(agentOnlyPath()).then().statusCode(401);
    }

    @Test
    public void tamperedTokenIsUnauthorized() {
        String token = Tokens.of("alice");
        String forged = token.substring(0, token.length() - 4) + "AAAA";
        given().auth().oauth2(forged).when().get(agentOnlyPath()).then().statusCode(401);
    }

    @Test
    public void userWithoutAgentRoleIsForbidden() {
        given().auth()
                .oauth2(Tokens.of("viewer"))
                .when()
                .get(agentOnlyPath())
                .then()
                .statusCode(403);
    }

    /**
     * For a service whose 401 and 403 are problem bodies (call it from a test of the subclass):
     * code UNAUTHORIZED with the bearer challenge, code FORBIDDEN for a missing role.
     */
    protected void assertRefusalsAreProblems() {
        String token = Tokens.of("alice");
        String forged = token.substring(0, token.length() - 4) + "AAAA";
        for (var request : List.of(given(), given().auth().oauth2(forged))) {
            request.when()
                    .get(agentOnlyPath())
                    .then()
                    .statusCode(401)
                    .header("WWW-Authenticate", "Bearer")
                    .contentType("application/problem+json")
                    .body("code", equalTo("UNAUTHORIZED"));
        }
        given().auth()
                .oauth2(Tokens.of("viewer"))
                .when()
                .get(agentOnlyPath())
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("code", equalTo("FORBIDDEN"));
    }
}
