package io.chatcases.cases.quickreplies;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class QuickReplyOpenApiTest {

    @Test
    void openApiDescribesEveryQuickReplyOperationWithItsConstraints() {
        given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString("\"/quick-replies/{id}\""))
                .body(containsString("Create a Quick Reply"))
                .body(containsString("Replace a Quick Reply"))
                .body(containsString("Delete a Quick Reply"))
                .body(containsString("\"QuickReplyInput\""))
                .body(containsString("\"maxLength\" : 4000"));
    }
}
