package io.chatcases.testing.contracts;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The provider's side: replays a contract's request against the running provider (RestAssured's
 * base URI, as a {@code @QuarkusTest} sets it) and fails unless the answer has the contract's
 * status, content type and body shape.
 */
public final class ContractVerifier {
    private ContractVerifier() {}

    /**
     * @param values the placeholders' values for the state the provider test set up
     */
    public static void verify(Contract contract, Map<String, String> values) {
        RequestSpecification request = given().headers(contract.headers(values));
        JsonNode body = contract.requestBody(values);
        if (body != null) {
            request.body(body.toString());
        }
        Response response = request.request(contract.request().method(), contract.path(values));
        List<String> problems = new ArrayList<>();
        if (response.statusCode() != contract.response().status()) {
            problems.add(
                    "status "
                            + response.statusCode()
                            + ", expected "
                            + contract.response().status());
        }
        String type = contract.response().contentType();
        if (type != null
                && (response.contentType() == null || !response.contentType().startsWith(type))) {
            problems.add("content type " + response.contentType() + ", expected " + type);
        }
        if (contract.response().body() != null) {
            try {
                JsonNode actual = Contract.JSON.readTree(response.asString());
                problems.addAll(BodyShape.mismatches(contract, values, actual));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(
                    contract + " broken: " + problems + "; the answer was " + response.asString());
        }
    }
}
