package io.chatcases.contacts.contracts;

import static io.restassured.RestAssured.given;

import io.chatcases.testing.Tokens;
import io.chatcases.testing.contracts.Contract;
import io.chatcases.testing.contracts.ContractVerifier;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * contact-service keeps every contract its consumer (case-service) committed under contracts/: each
 * is replayed against the real service with a real service token.
 */
@QuarkusTest
class ContactServiceContractsTest {

    static List<Contract> contracts() {
        return Contract.ofProvider("contact-service");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void providerAnswersAsTheContractSays(Contract contract) {
        ContractVerifier.verify(contract, holding(contract.state()));
    }

    private static Map<String, String> holding(String state) {
        String email = "contract-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        return switch (state) {
            case "no-contact-with-email" ->
                    Map.of("serviceToken", Tokens.service(), "email", email);
            case "contact-with-email" -> {
                given().auth()
                        .oauth2(Tokens.service())
                        .contentType("application/json")
                        .body(Map.of("email", email, "firstName", "Dana", "lastName", "Kunde"))
                        .post("/contacts/match")
                        .then()
                        .statusCode(201);
                yield Map.of("serviceToken", Tokens.service(), "email", email);
            }
            case "invalid-email" -> Map.of("serviceToken", Tokens.service());
            default -> throw new IllegalArgumentException("Unknown provider state " + state);
        };
    }
}
