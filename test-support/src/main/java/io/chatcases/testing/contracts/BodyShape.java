package io.chatcases.testing.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a body has the shape of a contract's example: every member of the example is there with
 * the same JSON type (a null in the example allows anything, absence included), arrays hold
 * elements of the example's first element's shape, members the example lacks are allowed (the
 * consumer does not read them). Values are not compared, except at the contract's {@code exact}
 * pointers.
 */
public final class BodyShape {
    private BodyShape() {}

    /** Every way the body differs; empty when it fits. */
    public static List<String> mismatches(
            Contract contract, Map<String, String> values, JsonNode actual) {
        List<String> found = new ArrayList<>();
        compare(contract.responseBody(values), actual, "", found);
        for (Map.Entry<String, JsonNode> e : contract.exact().entrySet()) {
            JsonNode expected =
                    e.getValue().isTextual()
                            ? TextNode.valueOf(Contract.fill(e.getValue().asText(), values))
                            : e.getValue();
            JsonNode value = actual.at(e.getKey());
            if (!expected.equals(value)) {
                found.add(e.getKey() + " is " + value + ", the contract says " + expected);
            }
        }
        return found;
    }

    static void compare(JsonNode example, JsonNode actual, String at, List<String> found) {
        if (example == null || example.isNull()) {
            return;
        }
        if (actual == null || actual.isMissingNode()) {
            found.add((at.isEmpty() ? "the body" : at) + " is missing");
            return;
        }
        if (example.isObject()) {
            if (!actual.isObject()) {
                found.add(at + " is not an object");
                return;
            }
            example.fields()
                    .forEachRemaining(
                            e ->
                                    compare(
                                            e.getValue(),
                                            actual.get(e.getKey()),
                                            at + "/" + e.getKey(),
                                            found));
        } else if (example.isArray()) {
            if (!actual.isArray()) {
                found.add(at + " is not an array");
                return;
            }
            if (!example.isEmpty()) {
                for (int i = 0; i < actual.size(); i++) {
                    compare(example.get(0), actual.get(i), at + "/" + i, found);
                }
            }
        } else if (example.getNodeType() != actual.getNodeType()
                && !(example.isNumber() && actual.isNumber())) {
            found.add(at + " is " + actual.getNodeType() + ", not " + example.getNodeType());
        }
    }
}
