package io.chatcases.files.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Tells the {@link FakeCaseService} of the running test what to answer, and what it saw. */
public final class CaseServiceDouble {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private CaseServiceDouble() {}

    /** From now on, {@code GET /cases/{caseId}} answers this (a status, "hang" or "drop"). */
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
