package io.chatcases.cases.contracts;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatcases.testing.Tokens;
import io.chatcases.testing.contracts.Contract;
import io.chatcases.testing.contracts.ContractVerifier;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * case-service keeps every contract its consumers (chat-gateway, file-service) committed under
 * contracts/: each is replayed against the real service in the state it names, set up over the
 * service's own REST API with real Keycloak tokens.
 */
@QuarkusTest
class CaseServiceContractsTest {

    static List<Contract> contracts() {
        return Contract.ofProvider("case-service");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void providerAnswersAsTheContractSays(Contract contract) {
        ContractVerifier.verify(contract, holding(contract.state()));
    }

    @Test
    void everyConsumerHasContracts() {
        List<String> consumers = contracts().stream().map(Contract::consumer).distinct().toList();
        assertEquals(List.of("chat-gateway", "file-service"), consumers);
    }

    /** The placeholders' values once the state holds; every state names a fresh callId. */
    private static Map<String, String> holding(String state) {
        Map<String, String> values = new java.util.HashMap<>(state(state));
        values.put("callId", "call-" + UUID.randomUUID().toString().substring(0, 8));
        String service = Tokens.service();
        switch (state) {
            case "offered-call" -> call(values, service, "OFFERED");
            case "answered-call" -> {
                call(values, service, "OFFERED");
                call(values, service, "STARTED");
            }
            default -> {}
        }
        return values;
    }

    /** A gateway's call report, as the calls' contracts send them. */
    private static void call(Map<String, String> values, String service, String event) {
        given().auth()
                .oauth2(service)
                .contentType("application/json")
                .body(Map.of("event", event, "media", "video"))
                .post("/cases/{id}/calls/{callId}", values.get("caseId"), values.get("callId"))
                .then()
                .statusCode(200);
    }

    private static Map<String, String> state(String state) {
        String alice = Tokens.of("alice");
        String service = Tokens.service();
        return switch (state) {
            case "owned-sdk-case", "offered-call", "answered-call", "no-such-call" -> {
                String caseId = startCase(service, "SUPPORT_SDK");
                given().auth()
                        .oauth2(alice)
                        .post("/cases/{id}/claim", caseId)
                        .then()
                        .statusCode(200);
                yield Map.of("serviceToken", service, "caseId", caseId);
            }
            case "resolved-case", "rated-case" -> {
                String caseId = startCase(service);
                for (String step : List.of("claim", "resolve")) {
                    given().auth()
                            .oauth2(alice)
                            .post("/cases/{id}/" + step, caseId)
                            .then()
                            .statusCode(200);
                }
                if (state.equals("rated-case")) {
                    given().auth()
                            .oauth2(service)
                            .contentType("application/json")
                            .body(Map.of("score", 4))
                            .post("/cases/{id}/rating", caseId)
                            .then()
                            .statusCode(200);
                }
                yield Map.of("serviceToken", service, "caseId", caseId);
            }
            case "new-contact" -> Map.of("serviceToken", service, "email", freshEmail());
            case "open-case" -> Map.of("serviceToken", service, "caseId", startCase(service));
            case "case-visible-to-agent" ->
                    Map.of("agentToken", alice, "caseId", startCase(service));
            case "case-of-another-agent" -> {
                String caseId = startCase(service);
                given().auth()
                        .oauth2(Tokens.of("bob"))
                        .post("/cases/{id}/claim", caseId)
                        .then()
                        .statusCode(200);
                yield Map.of("agentToken", alice, "caseId", caseId);
            }
            case "more-than-seven-visible" -> {
                // Eight new Cases: whatever else is open, alice sees at least one beyond the row.
                for (int i = 0; i < 8; i++) {
                    startCase(service);
                }
                yield Map.of("agentToken", alice);
            }
            case "no-such-case" ->
                    Map.of("agentToken", alice, "caseId", UUID.randomUUID().toString());
            default -> throw new IllegalArgumentException("Unknown provider state " + state);
        };
    }

    private static String startCase(String serviceToken) {
        return startCase(serviceToken, "WEB_CONNECT");
    }

    private static String startCase(String serviceToken, String channel) {
        return given().auth()
                .oauth2(serviceToken)
                .contentType("application/json")
                .body(
                        Map.of(
                                "email",
                                freshEmail(),
                                "firstName",
                                "Dana",
                                "lastName",
                                "Kunde",
                                "channel",
                                channel))
                .post("/cases")
                .then()
                .statusCode(201)
                .extract()
                .path("caseId");
    }

    private static String freshEmail() {
        return "contract-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }
}
