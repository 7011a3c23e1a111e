package io.chatcases.cases.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** 401, 403, 404 and 409 for every Case endpoint, with real tokens. */
@QuarkusTest
class CaseSecurityTest {
    @Inject CaseService cases;

    record Call(String method, String path) {
        io.restassured.response.Response send(RequestSpecification spec, UUID id) {
            RequestSpecification s = spec.contentType("application/json").body("{}");
            return method.equals("GET") ? s.get(path, id) : s.post(path, id);
        }
    }

    static Stream<Arguments> caseEndpoints() {
        return Stream.of(
                        new Call("GET", "/cases/{id}"),
                        new Call("GET", "/cases/{id}/messages"),
                        new Call("POST", "/cases/{id}/claim"),
                        new Call("POST", "/cases/{id}/resolve"),
                        new Call("POST", "/cases/{id}/read"))
                .map(c -> Arguments.of(c.method() + " " + c.path(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseEndpoints")
    void withoutATokenIsUnauthorized(String name, Call call) {
        call.send(given(), UUID.randomUUID()).then().statusCode(401);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseEndpoints")
    void aUserWithoutTheAgentRoleIsForbidden(String name, Call call) {
        call.send(given().auth().oauth2(Tokens.of("viewer")), UUID.randomUUID())
                .then()
                .statusCode(403);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseEndpoints")
    void anUnknownCaseIsNotFound(String name, Call call) {
        call.send(given().auth().oauth2(Tokens.of("alice")), UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseEndpoints")
    void someoneElsesCaseIsForbiddenOrTaken(String name, Call call) {
        ChatCase c = Fixtures.startCase(cases);
        given().auth()
                .oauth2(Tokens.of("bob"))
                .post("/cases/{id}/claim", c.id)
                .then()
                .statusCode(200);
        int expected = call.path().endsWith("/claim") ? 409 : 403;
        call.send(given().auth().oauth2(Tokens.of("alice")), c.id).then().statusCode(expected);
    }

    @Test
    void tilesNeedAnAgent() {
        given().get("/tiles").then().statusCode(401);
        given().auth().oauth2(Tokens.of("viewer")).get("/tiles").then().statusCode(403);
        given().auth().oauth2(Tokens.of("alice")).get("/tiles").then().statusCode(200);
    }

    @Test
    void onlyServicesAndAdminsStartChats() {
        String form =
                "{\"email\":\"x-"
                        + UUID.randomUUID()
                        + "@example.com\",\"firstName\":\"X\",\"lastName\":\"Y\"}";
        given().contentType("application/json").body(form).post("/cases").then().statusCode(401);
        given().auth()
                .oauth2(Tokens.of("alice"))
                .contentType("application/json")
                .body(form)
                .post("/cases")
                .then()
                .statusCode(403);
    }

    @Test
    void aBadChannelIsABadRequestNamingTheField() {
        given().auth()
                .oauth2(Tokens.service())
                .contentType("application/json")
                .body("{\"email\":\"a@example.com\",\"channel\":\"FAX\"}")
                .post("/cases")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("channel"));
    }
}
