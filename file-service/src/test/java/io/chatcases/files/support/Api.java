package io.chatcases.files.support;

import static io.restassured.RestAssured.given;

import io.chatcases.testing.Tokens;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.MultiPartConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.apache.http.entity.mime.HttpMultipartMode;

/** The file-service calls the tests make, with real Keycloak tokens. */
public final class Api {
    /** Multipart as browsers send it: the file name in UTF-8 (RFC 7578), not "?"-mangled ASCII. */
    private static final RestAssuredConfig BROWSER_LIKE =
            RestAssuredConfig.config()
                    .httpClient(
                            HttpClientConfig.httpClientConfig()
                                    .httpMultipartMode(HttpMultipartMode.BROWSER_COMPATIBLE))
                    .multiPartConfig(MultiPartConfig.multiPartConfig().defaultCharset("UTF-8"));

    private static String serviceToken;
    private static long serviceTokenAt;

    private Api() {}

    /** The services' client-credentials token, reused for a minute. */
    public static synchronized String serviceToken() {
        if (serviceToken == null || System.currentTimeMillis() - serviceTokenAt > 60_000) {
            serviceToken = Tokens.service();
            serviceTokenAt = System.currentTimeMillis();
        }
        return serviceToken;
    }

    /**
     * A request exactly as the gateway's ApiProxy sends it for a customer: the customer token
     * replaced by the gateway's service token, plus {@code X-Chat-Case} and nothing else.
     */
    public static RequestSpecification asCustomerOf(UUID caseId) {
        return given().auth().oauth2(serviceToken()).header("X-Chat-Case", caseId.toString());
    }

    /** A request as a service acting as itself (no X-Chat-Case). */
    public static RequestSpecification asSystem() {
        return given().auth().oauth2(serviceToken());
    }

    public static RequestSpecification asUser(String user) {
        return given().auth().oauth2(Tokens.of(user));
    }

    public static Response upload(
            RequestSpecification as, UUID caseId, String name, byte[] bytes, String type) {
        return as.config(BROWSER_LIKE)
                .multiPart("caseId", caseId.toString())
                .multiPart("file", name, bytes, type)
                .when()
                .post("/files");
    }

    /** Uploads as the customer of the Case and returns the new file's id. */
    public static UUID uploaded(UUID caseId, String name, byte[] bytes) {
        String id =
                upload(asCustomerOf(caseId), caseId, name, bytes, "application/octet-stream")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("fileId");
        return UUID.fromString(id);
    }
}
