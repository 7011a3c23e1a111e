package io.chatcases.contacts.contracts;

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
        return switch (state) {
            case "any-email" ->
                    Map.of(
                            "serviceToken",
                            Tokens.service(),
                            "email",
                            "contract-"
                                    + UUID.randomUUID().toString().substring(0, 8)
                                    + "@example.com");
            case "invalid-email" -> Map.of("serviceToken", Tokens.service());
            default -> throw new IllegalArgumentException("Unknown provider state " + state);
        };
    }
}
