package io.chatcases.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

/**
 * Every service reports ready only when its own database and the Kafka broker answer. A service's
 * {@code @QuarkusTest} extends this against the real PostgreSQL and broker.
 */
public abstract class ReadinessContract {

    @Test
    public void readinessReportsDatabaseAndKafkaUp() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body(
                        "checks.name",
                        hasItems(
                                "Reactive PostgreSQL connections health check",
                                "Kafka connection health check"));
    }

    @Test
    public void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
