package io.chatcases.contacts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ContactCrudTest {

    private static ValidatableResponse put(String id, Map<String, Object> body) {
        return given().auth()
                .oauth2(Fixtures.admin())
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .put("/contacts/" + id)
                .then();
    }

    private static ValidatableResponse get(String id) {
        return given().auth().oauth2(Fixtures.admin()).when().get("/contacts/" + id).then();
    }

    @Test
    void createAnswers201WithLocationAndTheStoredView() {
        String email = Fixtures.email("create");
        Map<String, Object> body = Fixtures.contact("Ana", "Lima", " " + email.toUpperCase());
        body.put("phone", "+351 21 123 4567");
        body.put("externalId", "crm-" + Fixtures.suffix());
        String location =
                given().auth()
                        .oauth2(Fixtures.admin())
                        .contentType(ContentType.JSON)
                        .body(body)
                        .when()
                        .post("/contacts")
                        .then()
                        .statusCode(201)
                        .body("email", equalTo(email))
                        .body("initials", equalTo("AL"))
                        .body("phone", equalTo("+351 21 123 4567"))
                        .extract()
                        .header("Location");
        String id =
                given().auth().oauth2(Fixtures.admin()).get(location).then().extract().path("id");
        org.hamcrest.MatcherAssert.assertThat(location, endsWith("/contacts/" + id));
        get(id).statusCode(200)
                .body("firstName", equalTo("Ana"))
                .body("emails", contains(email))
                .body("externalId", equalTo(body.get("externalId")));
    }

    @Test
    void agentsMayReadAContact() {
        String id = Fixtures.create(Fixtures.contact("Rui", "Costa", Fixtures.email("read")));
        given().auth()
                .oauth2(io.chatcases.testing.Tokens.of("bob"))
                .get("/contacts/" + id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id));
    }

    @Test
    void missingContactIs404Problem() {
        String id = UUID.randomUUID().toString();
        get(id).statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("code", equalTo("NOT_FOUND"))
                .body("detail", containsString(id));
        put(id, Fixtures.contact("A", "B", Fixtures.email("nobody"))).statusCode(404);
        given().auth()
                .oauth2(Fixtures.admin())
                .delete("/contacts/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void updateReplacesNamesPhoneAndTheWholeEmailSetWithANewPrimary() {
        String first = Fixtures.email("first");
        String second = Fixtures.email("second");
        String third = Fixtures.email("third");
        Map<String, Object> body = Fixtures.contact("Ana", "Lima", first, second);
        body.put("phone", "123 456");
        String id = Fixtures.create(body);

        put(id, Fixtures.contact("Anna", "Silva", second, third.toUpperCase(), second))
                .statusCode(200)
                .body("firstName", equalTo("Anna"))
                .body("initials", equalTo("AS"))
                .body("email", equalTo(second))
                .body("emails", contains(second, third))
                .body("phone", nullValue());
        get(id).statusCode(200)
                .body("lastName", equalTo("Silva"))
                .body("email", equalTo(second))
                .body("emails", contains(second, third))
                .body("phone", nullValue());

        // The dropped address is free again.
        Fixtures.create(Fixtures.contact("New", "Owner", first));
    }

    @Test
    void updateThatWouldStealAnotherContactsEmailIs409AndChangesNothing() {
        String victimEmail = Fixtures.email("victim");
        String victim = Fixtures.create(Fixtures.contact("Vera", "Victim", victimEmail));
        String thiefEmail = Fixtures.email("thief");
        String thief = Fixtures.create(Fixtures.contact("Tom", "Thief", thiefEmail));

        put(thief, Fixtures.contact("Renamed", "Thief", thiefEmail, victimEmail.toUpperCase()))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("code", equalTo("EMAIL_TAKEN"))
                .body("detail", containsString(victimEmail))
                .body("contactId", equalTo(victim))
                .body("detail", not(containsString("Vera")))
                .body("detail", not(containsString("Victim")));

        get(thief)
                .statusCode(200)
                .body("firstName", equalTo("Tom"))
                .body("emails", contains(thiefEmail));
        get(victim).statusCode(200).body("emails", contains(victimEmail));
    }

    @Test
    void createWithAnotherContactsEmailIs409() {
        String taken = Fixtures.email("taken");
        String owner = Fixtures.create(Fixtures.contact("Olga", "Owner", taken));
        String fresh = Fixtures.email("fresh");
        given().auth()
                .oauth2(Fixtures.admin())
                .contentType(ContentType.JSON)
                .body(Fixtures.contact("Other", "Person", fresh, taken))
                .post("/contacts")
                .then()
                .statusCode(409)
                .body("contactId", equalTo(owner));
        // Rolled back whole: the fresh address was not kept either.
        given().auth()
                .oauth2(Fixtures.admin())
                .queryParam("email", fresh)
                .get("/contacts")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void externalIdOfAnotherContactIs409() {
        String externalId = "crm-" + Fixtures.suffix();
        Map<String, Object> first = Fixtures.contact("Ext", "One", Fixtures.email("ext1"));
        first.put("externalId", externalId);
        Fixtures.create(first);
        Map<String, Object> second = Fixtures.contact("Ext", "Two", Fixtures.email("ext2"));
        String id = Fixtures.create(second);
        second.put("externalId", externalId);
        put(id, second)
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString(externalId));
    }

    @Test
    void deleteAnswers204ThenTheContactIsGoneAndItsEmailFree() {
        String email = Fixtures.email("gone");
        String id = Fixtures.create(Fixtures.contact("Del", "Eted", email));
        given().auth().oauth2(Fixtures.admin()).delete("/contacts/" + id).then().statusCode(204);
        get(id).statusCode(404);
        given().auth()
                .oauth2(io.chatcases.testing.Tokens.service())
                .contentType(ContentType.JSON)
                .body(Map.of("email", email, "firstName", "Back", "lastName", "Again"))
                .post("/contacts/match")
                .then()
                .statusCode(201)
                .body("id", not(equalTo(id)));
    }
}
