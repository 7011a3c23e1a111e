package io.chatcases.testing.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContractTest {
    private final Contract forbidden =
            Contract.named("file-service", "case-service", "case-of-another-agent");

    @Test
    void everyContractIsReadable() {
        for (String provider : List.of("case-service", "contact-service", "file-service")) {
            assertTrue(!Contract.ofProvider(provider).isEmpty(), provider);
        }
    }

    @Test
    void pathPlaceholdersAreMatchedAndFilled() {
        assertEquals(Map.of("caseId", "42"), forbidden.match("GET", "/cases/42"));
        assertNull(forbidden.match("POST", "/cases/42"));
        assertNull(forbidden.match("GET", "/cases/42/files"));
        assertEquals("/cases/7", forbidden.path(Map.of("caseId", "7")));
    }

    @Test
    void headersMustHaveTheTemplatesForm() {
        assertNull(forbidden.headersMismatch(Map.of("authorization", "Bearer abc")));
        assertNotNull(forbidden.headersMismatch(Map.of("Authorization", "Basic abc")));
        assertNotNull(forbidden.headersMismatch(Map.of("X-Chat-Case", "42")));
    }

    @Test
    void aBodyOfAnotherShapeOrCodeDoesNotFit() throws Exception {
        Map<String, String> values = Map.of("caseId", "42");
        assertEquals(
                List.of(),
                BodyShape.mismatches(
                        forbidden,
                        values,
                        json(
                                "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                                        + "\"code\":\"FORBIDDEN\",\"detail\":\"no\",\"extra\":1}")));
        List<String> wrong =
                BodyShape.mismatches(
                        forbidden,
                        values,
                        json(
                                "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":\"403\","
                                        + "\"code\":\"NOT_FOUND\"}"));
        assertEquals(3, wrong.size(), wrong.toString());
    }

    @Test
    void aStubAnswersOnlyItsContractsInTheirState() {
        try (ContractStub stub =
                ContractStub.unserved(
                        Contract.between("file-service", "case-service"),
                        r ->
                                r.values().get("caseId").equals("1")
                                        ? "case-of-another-agent"
                                        : "no-such-case")) {
            Map<String, String> bearer = Map.of("Authorization", "Bearer t");
            assertEquals(403, stub.answer("GET", "/cases/1", bearer, "").orElseThrow().status());
            assertEquals(404, stub.answer("GET", "/cases/2", bearer, "").orElseThrow().status());
            assertEquals(Optional.empty(), stub.answer("GET", "/cases/1", Map.of(), ""));
            assertEquals(Optional.empty(), stub.answer("DELETE", "/cases/1", bearer, ""));
            assertEquals(2, stub.violations().size());
        }
    }

    private static JsonNode json(String text) throws Exception {
        return Contract.JSON.readTree(text);
    }
}
