package io.chatcases.testing.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The consumer's side: a provider double that answers only what a contract says the provider
 * answers. For each request it finds the contract whose method and path fit and whose state is the
 * one {@code stateOf} gives for the path's values; it checks the request's headers against the
 * contract and answers the contract's status and example body. A request no contract covers, or
 * with headers the contract does not name, is answered 500 and remembered in {@link #violations()},
 * so the consumer's test can fail on it.
 */
public class ContractStub implements AutoCloseable {
    private final List<Contract> contracts;
    private final Function<Request, String> stateOf;
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    /**
     * @param stateOf the provider state for a request, from its path's placeholder values and body
     */
    public ContractStub(List<Contract> contracts, Function<Request, String> stateOf) {
        this(contracts, stateOf, true);
    }

    private ContractStub(
            List<Contract> contracts, Function<Request, String> stateOf, boolean serve) {
        this.contracts = List.copyOf(contracts);
        this.stateOf = stateOf;
        if (!serve) {
            server = null;
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::answer);
        server.start();
    }

    /** The answers without a server of its own, for a double that serves the HTTP itself. */
    public static ContractStub unserved(
            List<Contract> contracts, Function<Request, String> stateOf) {
        return new ContractStub(contracts, stateOf, false);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** What went wrong so far: requests no contract covers, headers a contract does not name. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /**
     * The contract answer to a request, or empty when none fits (the reason is in {@link
     * #violations()}). For doubles that serve the HTTP themselves.
     */
    public Optional<Answer> answer(
            String method, String path, Map<String, String> headers, String body) {
        for (Contract c : contracts) {
            Map<String, String> values = c.match(method, path);
            if (values == null || !c.state().equals(stateOf.apply(new Request(values, body)))) {
                continue;
            }
            String mismatch = c.headersMismatch(headers);
            if (mismatch != null) {
                violations.add(method + " " + path + " against " + c + ": " + mismatch);
                return Optional.empty();
            }
            Map<String, String> all = new LinkedHashMap<>(c.bodyValues(json(body)));
            all.putAll(values);
            var answerBody = c.responseBody(all);
            return Optional.of(
                    new Answer(
                            c.response().status(),
                            c.response().contentType(),
                            answerBody == null ? "" : answerBody.toString()));
        }
        violations.add(method + " " + path + ": no contract covers it");
        return Optional.empty();
    }

    private static JsonNode json(String body) {
        try {
            return body == null || body.isBlank() ? null : Contract.JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** A request as the state function sees it: the path's placeholder values and the body. */
    public record Request(Map<String, String> values, String body) {}

    /** A contract's answer: status, content type (may be null) and body (may be empty). */
    public record Answer(int status, String contentType, String body) {}

    private void answer(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Optional<Answer> answer =
                answer(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().toString(),
                        headers,
                        body);
        send(exchange, answer.orElse(new Answer(500, "text/plain", String.join("\n", violations))));
    }

    public static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        if (answer.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        executor.shutdownNow();
    }
}
