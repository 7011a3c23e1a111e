package io.chatcases.contacts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ContactImportTest {

    private static final String HEADER = "email,firstName,lastName,phone,externalId\n";

    private static ValidatableResponse importCsv(String csv) {
        return given().auth()
                .oauth2(Fixtures.admin())
                .contentType("text/csv; charset=utf-8")
                .body(csv)
                .when()
                .post("/contacts/import")
                .then();
    }

    private static ValidatableResponse byEmail(String email) {
        return given().auth()
                .oauth2(Fixtures.admin())
                .queryParam("email", email)
                .get("/contacts")
                .then()
                .statusCode(200);
    }

    @Test
    void goodRowsApplyBadRowsAreReportedWithLineAndFieldAndARerunChangesNothing() {
        String ana = Fixtures.email("imp-ana");
        String bob = Fixtures.email("imp-bob");
        String cleo = Fixtures.email("imp-cleo");
        String csv =
                HEADER
                        + ana.toUpperCase()
                        + ",Ana,Lima,+351 21 000 0000,\n"
                        + "not-an-email,Bad,Row,,\n"
                        + bob
                        + ",\"Bob\",\"Smith, Jr.\",,\n"
                        + cleo
                        + ",Cléo,Moreau,call me,\n";
        importCsv(csv)
                .statusCode(200)
                .body("created", equalTo(2))
                .body("updated", equalTo(0))
                .body("unchanged", equalTo(0))
                .body("errors", hasSize(2))
                .body("errors[0].line", equalTo(3))
                .body("errors[0].field", equalTo("email"))
                .body("errors[0].message", equalTo("must contain an @"))
                .body("errors[1].line", equalTo(5))
                .body("errors[1].field", equalTo("phone"));

        byEmail(ana)
                .body("items[0].firstName", equalTo("Ana"))
                .body("items[0].phone", equalTo("+351 21 000 0000"));
        byEmail(bob).body("items[0].lastName", equalTo("Smith, Jr."));
        byEmail(cleo).body("total", equalTo(0)); // the bad row left no trace

        importCsv(csv)
                .statusCode(200)
                .body("created", equalTo(0))
                .body("updated", equalTo(0))
                .body("unchanged", equalTo(2))
                .body("errors", hasSize(2));
    }

    @Test
    void knownEmailGetsOnlyTheCellsThatHoldValues() {
        String email = Fixtures.email("imp-known");
        String other = Fixtures.email("imp-other");
        String id = Fixtures.create(Fixtures.contact("Dora", "Dias", email, other));
        importCsv("email,firstName,lastName,phone\n" + other + ",,Duarte,555 0100\n")
                .statusCode(200)
                .body("updated", equalTo(1))
                .body("errors", empty());
        byEmail(email)
                .body("items[0].id", equalTo(id))
                .body("items[0].firstName", equalTo("Dora"))
                .body("items[0].lastName", equalTo("Duarte"))
                .body("items[0].phone", equalTo("555 0100"))
                .body("items[0].emails", contains(email, other));
    }

    @Test
    void newEmailWithoutFirstNameIsARowError() {
        String email = Fixtures.email("imp-noname");
        importCsv(HEADER + email + ",,Lastonly,,\n")
                .statusCode(200)
                .body("created", equalTo(0))
                .body("errors[0].line", equalTo(2))
                .body("errors[0].field", equalTo("firstName"))
                .body("errors[0].message", equalTo("is required to create a contact"));
        byEmail(email).body("total", equalTo(0));
    }

    @Test
    void rowThatFailsHalfWayIsRolledBackWhole() {
        String externalId = "crm-" + Fixtures.suffix();
        String holder = Fixtures.email("imp-holder");
        importCsv(HEADER + holder + ",Hal,Holder,," + externalId + "\n")
                .body("created", equalTo(1));
        String email = Fixtures.email("imp-half");
        Fixtures.create(Fixtures.contact("Ivo", "Ilha", email));

        // Renames Ivo and takes Hal's external id: the rename must not stay behind.
        importCsv(HEADER + email + ",Ivan,,," + externalId + "\n")
                .statusCode(200)
                .body("updated", equalTo(0))
                .body("errors[0].line", equalTo(2))
                .body("errors[0].field", equalTo("externalId"))
                .body("errors[0].message", equalTo("belongs to another contact"));
        byEmail(email).body("items[0].firstName", equalTo("Ivo"));
    }

    @Test
    void rowWithTheWrongNumberOfCellsIsReportedAndOthersApply() {
        String good = Fixtures.email("imp-good");
        importCsv("email,firstName\n" + "x@example.com,Too,Many\n" + good + ",Gil\n")
                .statusCode(200)
                .body("created", equalTo(1))
                .body("errors[0].line", equalTo(2))
                .body("errors[0].message", equalTo("has 3 values but the header has 2"));
    }

    @Test
    void importNeedsCsvContent() {
        given().auth()
                .oauth2(Fixtures.admin())
                .contentType("application/json")
                .body("{}")
                .post("/contacts/import")
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("status", equalTo(415));
    }
}
