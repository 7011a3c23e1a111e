package io.chatcases.files.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.chatcases.testing.contracts.Contract;
import io.chatcases.testing.contracts.ContractStub;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server standing in for case-service's {@code GET /cases/{id}} (case-service does not
 * run during file-service's tests). It answers only what the contracts in
 * contracts/file-service-case-service say case-service answers, in the state a test gave the Case
 * through {@code PUT /_fake/cases/{id}} (see {@link CaseServiceDouble}): a Case nobody registered
 * does not exist (404), as in case-service. Three outages are not contract answers but what a
 * network and a failing service do: {@code 500}, {@code hang} (answers after 10 s) and {@code drop}
 * (closes the connection). A request no contract covers (no bearer token, say) is answered 500
 * naming why. It remembers the Authorization header it last saw per Case, so tests can check that
 * file-service forwards the agent's own token.
 */
public class FakeCaseService implements QuarkusTestResourceLifecycleManager {
    private final Map<String, String> states = new ConcurrentHashMap<>();
    private final Map<String, String> seenAuthorization = new ConcurrentHashMap<>();
    private final ContractStub contracts =
            ContractStub.unserved(
                    Contract.between("file-service", "case-service"),
                    request ->
                            states.getOrDefault(
                                    request.values().get("caseId"),
                                    CaseServiceDouble.NO_SUCH_CASE));
    private HttpServer server;
    private ExecutorService executor;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/cases/", this::caseRead);
        server.createContext("/_fake/cases/", this::control);
        server.start();
        return Map.of(
                "quarkus.rest-client.case-service.url",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void caseRead(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String id = path.substring("/cases/".length());
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
            seenAuthorization.put(id, auth);
        }
        switch (states.getOrDefault(id, "")) {
            case "hang" -> {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(exchange, 500, "hung");
            }
            case "drop" -> exchange.close();
            case "500" -> send(exchange, 500, "case-service failed");
            default ->
                    ContractStub.send(
                            exchange,
                            contracts
                                    .answer(exchange.getRequestMethod(), path, headers, "")
                                    .orElseGet(
                                            () ->
                                                    new ContractStub.Answer(
                                                            500,
                                                            "text/plain",
                                                            String.join(
                                                                    "\n",
                                                                    contracts.violations()))));
        }
    }

    private void control(HttpExchange exchange) throws IOException {
        String rest = exchange.getRequestURI().getPath().substring("/_fake/cases/".length());
        if (exchange.getRequestMethod().equals("PUT")) {
            String state =
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                            .strip();
            states.put(rest, state);
            send(exchange, 204, "");
        } else if (rest.endsWith("/authorization")) {
            String id = rest.substring(0, rest.length() - "/authorization".length());
            String seen = seenAuthorization.get(id);
            send(exchange, seen == null ? 404 : 200, seen == null ? "" : seen);
        } else {
            send(exchange, 405, "");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        ContractStub.send(exchange, new ContractStub.Answer(status, "text/plain", body));
    }
}
