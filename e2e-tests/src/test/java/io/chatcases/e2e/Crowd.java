package io.chatcases.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Shared helpers of the fault suites: extra agents in Keycloak, figures, waiting, paging. */
final class Crowd {
    private Crowd() {}

    /** Rounds of a fault suite: small by default, {@code -Dfaults.rounds=N} for a long run. */
    static int rounds(int fallback) {
        return Integer.getInteger("faults.rounds", fallback);
    }

    /** Waits until {@code condition} holds, failing with {@code what} after {@code timeout}. */
    static void waitFor(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Ws.sleep(50);
        }
    }

    /** The p-th percentile (0-100, nearest rank) of values; 0 for none. */
    static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static long ms(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }

    /** Every stored message of a Case after {@code after}, page by page, as an agent reads it. */
    static List<JsonNode> stored(String caseId, String bearer) {
        return pages(
                after ->
                        Platform.get(
                                Platform.GATEWAY,
                                "/api/cases/" + caseId + "/messages?after=" + after + "&limit=500",
                                bearer));
    }

    /** The customer's own way to the whole conversation: REST with the customer token. */
    static List<JsonNode> customerStored(String caseId, String customerToken, long after) {
        return pages(
                a ->
                        Platform.get(
                                Platform.GATEWAY,
                                "/api/chats/" + caseId + "/messages?after=" + a + "&limit=100",
                                customerToken),
                after);
    }

    private static List<JsonNode> pages(
            java.util.function.LongFunction<HttpResponse<String>> page) {
        return pages(page, 0);
    }

    private static List<JsonNode> pages(
            java.util.function.LongFunction<HttpResponse<String>> page, long after) {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> r = page.apply(after);
            if (r.statusCode() != 200) {
                throw new AssertionError("messages: " + r.statusCode() + " " + r.body());
            }
            JsonNode body = Platform.json(r.body());
            JsonNode list = body.isArray() ? body : body.path("messages");
            if (list.isEmpty()) {
                return out;
            }
            list.forEach(out::add);
            after = list.get(list.size() - 1).path("seq").asLong();
        }
        return out;
    }
}
