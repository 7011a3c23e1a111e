package io.chatcases.contacts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class OpenApiTest {

    @ParameterizedTest(name = "{0} {1} is documented with a summary")
    @CsvSource({
        "get, /contacts",
        "post, /contacts",
        "get, /contacts/{id}",
        "put, /contacts/{id}",
        "delete, /contacts/{id}",
        "post, /contacts/match",
        "post, /contacts/import",
    })
    void everyEndpointIsInTheOpenApiDocument(String method, String path) {
        given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths.'" + path + "'." + method + ".summary", notNullValue());
    }
}
