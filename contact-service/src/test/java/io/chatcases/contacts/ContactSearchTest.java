package io.chatcases.contacts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatcases.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ContactSearchTest {

    @Test
    void searchByEmailIsExactAndIgnoresLetterCase() {
        String email = Fixtures.email("find");
        String id = Fixtures.create(Fixtures.contact("Fia", "Find", email));
        given().auth()
                .oauth2(Tokens.of("carol"))
                .queryParam("email", "  " + email.toUpperCase())
                .get("/contacts")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items.id", contains(id));
        given().auth()
                .oauth2(Tokens.of("carol"))
                .queryParam("email", "x" + email)
                .get("/contacts")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void searchByNameSubstringIsPagedInAStableNameOrder() {
        String tag = "Zq" + Fixtures.suffix();
        // Created out of order; expected order: last name, then first name.
        String[][] people = {
            {"Carla", tag + "b"},
            {"Ana", tag + "b"},
            {"Bruno", tag + "a"},
            {"Dora", tag + "c"},
            {"Eva", tag + "a"},
        };
        for (String[] p : people) {
            Fixtures.create(Fixtures.contact(p[0], p[1], Fixtures.email("page")));
        }
        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            List<String> names =
                    given().auth()
                            .oauth2(Fixtures.admin())
                            .queryParam("q", tag.toLowerCase())
                            .queryParam("page", page)
                            .queryParam("size", 2)
                            .get("/contacts")
                            .then()
                            .statusCode(200)
                            .body("total", equalTo(5))
                            .body("page", equalTo(page))
                            .body("size", equalTo(2))
                            .extract()
                            .path("items.firstName");
            seen.addAll(names);
        }
        assertEquals(List.of("Bruno", "Eva", "Ana", "Carla", "Dora"), seen);
    }

    @Test
    void nameSearchMatchesFullNameAndTreatsWildcardsLiterally() {
        String tag = "Wq" + Fixtures.suffix();
        String id =
                Fixtures.create(Fixtures.contact("Maria " + tag, "da Silva", Fixtures.email("w")));
        given().auth()
                .oauth2(Fixtures.admin())
                .queryParam("q", tag + " DA SIL")
                .get("/contacts")
                .then()
                .body("items.id", contains(id));
        given().auth()
                .oauth2(Fixtures.admin())
                .queryParam("q", tag + "%")
                .get("/contacts")
                .then()
                .body("total", equalTo(0));
        given().auth()
                .oauth2(Fixtures.admin())
                .queryParam("q", tag.substring(0, 2) + "_" + tag.substring(3))
                .get("/contacts")
                .then()
                .body("total", equalTo(0));
    }
}
