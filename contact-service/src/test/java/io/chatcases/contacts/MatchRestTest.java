package io.chatcases.contacts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.chatcases.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MatchRestTest {

    private static String service;

    @BeforeAll
    static void token() {
        service = Tokens.service();
    }

    private static io.restassured.response.ValidatableResponse match(
            String token, String email, String first, String last) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("email", email, "firstName", first, "lastName", last))
                .when()
                .post("/contacts/match")
                .then();
    }

    @Test
    void newEmailCreatesContactFromEnteredNamesWith201() {
        String email = Fixtures.email("new");
        match(service, email, "Émile", "Zola")
                .statusCode(201)
                .contentType(ContentType.JSON)
                .body("id", notNullValue())
                .body("firstName", equalTo("Émile"))
                .body("lastName", equalTo("Zola"))
                .body("initials", equalTo("ÉZ"))
                .body("email", equalTo(email))
                .body("emails", contains(email))
                .body("phone", nullValue())
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue());
    }

    @Test
    void knownEmailInOtherSpellingReturnsSameContactWith200() {
        String email = Fixtures.email("known");
        String id = match(service, email, "Ana", "Lima").statusCode(201).extract().path("id");
        match(service, "  " + email.toUpperCase() + "\t", "Ana", "Lima")
                .statusCode(200)
                .body("id", equalTo(id))
                .body("email", equalTo(email));
    }

    @Test
    void matchNeverOverwritesAnExistingContactsNames() {
        String email = Fixtures.email("keep");
        String id = match(service, email, "Ana", "Lima").statusCode(201).extract().path("id");
        match(service, email, "Somebody", "Else")
                .statusCode(200)
                .body("id", equalTo(id))
                .body("firstName", equalTo("Ana"))
                .body("lastName", equalTo("Lima"));
        given().auth()
                .oauth2(Fixtures.admin())
                .get("/contacts/" + id)
                .then()
                .statusCode(200)
                .body("firstName", equalTo("Ana"))
                .body("initials", equalTo("AL"));
    }

    @Test
    void secondaryEmailMatchesItsOwner() {
        String primary = Fixtures.email("primary");
        String other = Fixtures.email("other");
        String id = Fixtures.create(Fixtures.contact("Bea", "Souza", primary, other));
        match(service, other.toUpperCase(), "X", "Y")
                .statusCode(200)
                .body("id", equalTo(id))
                .body("email", equalTo(primary))
                .body("emails", contains(primary, other));
    }

    @Test
    void matchWithoutNamesTakesInitialFromEmail() {
        String email = Fixtures.email("zed");
        given().auth()
                .oauth2(service)
                .contentType(ContentType.JSON)
                .body(Map.of("email", email))
                .when()
                .post("/contacts/match")
                .then()
                .statusCode(201)
                .body("firstName", nullValue())
                .body("initials", equalTo("Z"));
    }

    @Test
    void adminMayMatchButAnAgentMayNot() {
        match(Fixtures.admin(), Fixtures.email("by-admin"), "A", "B").statusCode(201);
        match(Tokens.of("alice"), Fixtures.email("by-agent"), "A", "B")
                .statusCode(403)
                .contentType("application/problem+json");
    }
}
