package io.chatcases.files.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Tells the {@link FakeCaseService} of the running test which Cases exist and how, and what it saw.
 * The states are those of contracts/file-service-case-service.
 */
public final class CaseServiceDouble {
    /** The agent asking may see the Case (case-service answers 200). */
    public static final String VISIBLE = "case-visible-to-agent";

    /** The Case is another agent's (403). */
    public static final String ANOTHER_AGENTS = "case-of-another-agent";

    /** No such Case (404): every Case no test registered. */
    public static final String NO_SUCH_CASE = "no-such-case";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private CaseServiceDouble() {}

    /** A new Case every agent may see (unassigned). */
    public static UUID newCase() {
        UUID caseId = UUID.randomUUID();
        answer(caseId, VISIBLE);
        return caseId;
    }

    /**
     * From now on, {@code GET /cases/{caseId}} answers as the contract of this state does, or fails
     * as case-service can: "500", "hang" or "drop".
     */
    public static void answer(UUID caseId, String answer) {
        HttpRequest request =
                HttpRequest.newBuilder(url("/_fake/cases/" + caseId))
                        .PUT(HttpRequest.BodyPublishers.ofString(answer))
                        .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 204) {
            throw new IllegalStateException("fake case-service refused: " + response.statusCode());
        }
    }

    /** The Authorization header case-service last received for the Case, if any. */
    public static Optional<String> authorizationSeen(UUID caseId) {
        HttpResponse<String> response =
                send(
                        HttpRequest.newBuilder(url("/_fake/cases/" + caseId + "/authorization"))
                                .GET()
                                .build());
        return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
    }

    private static URI url(String path) {
        String base =
                ConfigProvider.getConfig()
                        .getValue("quarkus.rest-client.case-service.url", String.class);
        return URI.create(base + path);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
