package io.chatcases.files.contracts;

import static io.chatcases.files.support.Api.uploaded;

import io.chatcases.files.support.Api;
import io.chatcases.files.support.Samples;
import io.chatcases.testing.contracts.Contract;
import io.chatcases.testing.contracts.ContractVerifier;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * file-service keeps every contract its consumer (case-service's FileChecker) committed under
 * contracts/: each is replayed against the real service, its files uploaded as the gateway uploads
 * a customer's.
 */
@QuarkusTest
class FileServiceContractsTest {

    static List<Contract> contracts() {
        return Contract.ofProvider("file-service");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void providerAnswersAsTheContractSays(Contract contract) {
        ContractVerifier.verify(contract, holding(contract.state()));
    }

    private static Map<String, String> holding(String state) {
        UUID caseId = UUID.randomUUID();
        return switch (state) {
            case "file-of-case" ->
                    Map.of(
                            "serviceToken", Api.serviceToken(),
                            "caseId", caseId.toString(),
                            "fileId", uploaded(caseId, "notes.png", Samples.png()).toString());
            case "file-of-another-case" ->
                    Map.of(
                            "serviceToken", Api.serviceToken(),
                            "caseId", caseId.toString(),
                            "fileId",
                                    uploaded(UUID.randomUUID(), "b.png", Samples.png()).toString());
            default -> throw new IllegalArgumentException("Unknown provider state " + state);
        };
    }
}
