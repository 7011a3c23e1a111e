package io.chatcases.cases.starts;

import static io.chatcases.cases.support.Fixtures.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.events.Channel;
import io.chatcases.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The Case panel's "other open Cases of this Contact": only what the caller may see. */
@QuarkusTest
class ContactOpenCasesTest {
    @Inject CaseService cases;

    private ChatCase startFor(UUID contactId, String email) {
        return await(
                        () ->
                                cases.start(
                                        Channel.WEB_CONNECT,
                                        new CaseService.ContactMatch(
                                                contactId, email, "Ola", "Open", "OO")))
                .kase();
    }

    @Test
    void anAgentSeesTheContactsNewCasesAndOwnButNotAColleaguesNorClosed() {
        UUID contactId = UUID.randomUUID();
        String email = "open-" + contactId + "@example.com";
        ChatCase older = startFor(contactId, email);
        ChatCase claimedByBob = startFor(contactId, email);
        ChatCase newer = startFor(contactId, email);
        ChatCase resolved = startFor(contactId, email);
        await(() -> cases.claim(claimedByBob.id, Fixtures.agent("bob-open-" + contactId)));
        var carol = Fixtures.agent("carol-open-" + contactId);
        await(() -> cases.claim(resolved.id, carol));
        await(() -> cases.resolve(resolved.id, carol));

        given().auth()
                .oauth2(Tokens.of("alice"))
                .queryParam("contactId", contactId)
                .get("/cases")
                .then()
                .statusCode(200)
                .body("caseId", contains(newer.id.toString(), older.id.toString()));
        given().auth()
                .oauth2(Tokens.service())
                .queryParam("contactId", contactId)
                .get("/cases")
                .then()
                .statusCode(200)
                .body(
                        "caseId",
                        containsInAnyOrder(
                                newer.id.toString(),
                                claimedByBob.id.toString(),
                                older.id.toString()));
    }

    @Test
    void withoutAContactIdItIsABadRequestAndWithoutARoleForbidden() {
        given().auth().oauth2(Tokens.of("alice")).get("/cases").then().statusCode(400);
        given().auth()
                .oauth2(Tokens.of("viewer"))
                .queryParam("contactId", UUID.randomUUID())
                .get("/cases")
                .then()
                .statusCode(403);
    }
}
