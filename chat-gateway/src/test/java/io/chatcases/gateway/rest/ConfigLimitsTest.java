package io.chatcases.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.chatcases.gateway.config.GatewayConfig;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConfigLimitsTest {
    @Inject GatewayConfig config;

    @Test
    void theConfigHandsTheUiTheMessageLimitTheGatewayEnforces() {
        given().when()
                .get("/api/config")
                .then()
                .statusCode(200)
                .body("limits.messageChars", equalTo(config.maxTextLength()))
                .body("limits.messageChars", equalTo(4000));
    }
}
