package io.chatcases.cases.quickreplies;

import static io.chatcases.cases.quickreplies.QuickReplyApi.PATH;
import static io.chatcases.cases.quickreplies.QuickReplyApi.as;
import static io.chatcases.cases.quickreplies.QuickReplyApi.create;
import static io.chatcases.cases.quickreplies.QuickReplyApi.freshShortcut;
import static io.chatcases.cases.quickreplies.QuickReplyApi.input;
import static io.chatcases.cases.quickreplies.QuickReplyApi.validInput;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Who may call what: agents and admins read, only admins write, everyone else is refused. */
@QuarkusTest
class QuickReplySecurityTest {

    /** Every endpoint, each with a valid request against an existing Quick Reply. */
    enum Endpoint {
        LIST {
            @Override
            Response call(RequestSpecification spec, String id) {
                return spec.get(PATH);
            }
        },
        GET {
            @Override
            Response call(RequestSpecification spec, String id) {
                return spec.get(PATH + "/" + id);
            }
        },
        CREATE {
            @Override
            Response call(RequestSpecification spec, String id) {
                return spec.body(validInput(freshShortcut())).post(PATH);
            }
        },
        UPDATE {
            @Override
            Response call(RequestSpecification spec, String id) {
                return spec.body(input(freshShortcut(), "Changed", "Changed")).put(PATH + "/" + id);
            }
        },
        DELETE {
            @Override
            Response call(RequestSpecification spec, String id) {
                return spec.delete(PATH + "/" + id);
            }
        };

        abstract Response call(RequestSpecification spec, String id);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void withoutATokenEveryEndpointIs401(Endpoint endpoint) {
        String id = create(freshShortcut());
        endpoint.call(given().contentType(ContentType.JSON), id).then().statusCode(401);
        assertUnchanged(id);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void aUserWithoutAgentOrAdminRoleIs403OnEveryEndpoint(Endpoint endpoint) {
        String id = create(freshShortcut());
        endpoint.call(as("viewer"), id).then().statusCode(403);
        assertUnchanged(id);
    }

    @ParameterizedTest
    @EnumSource(
            value = Endpoint.class,
            names = {"CREATE", "UPDATE", "DELETE"})
    void anAgentWithoutAdminIs403OnEveryWrite(Endpoint endpoint) {
        String id = create(freshShortcut());
        endpoint.call(as("alice"), id).then().statusCode(403);
        assertUnchanged(id);
    }

    @ParameterizedTest
    @EnumSource(
            value = Endpoint.class,
            names = {"LIST", "GET"})
    void agentsAndAdminsRead(Endpoint endpoint) {
        String id = create(freshShortcut());
        endpoint.call(as("alice"), id).then().statusCode(200);
        endpoint.call(as("admin"), id).then().statusCode(200);
    }

    private static void assertUnchanged(String id) {
        as("admin").get(PATH + "/" + id).then().statusCode(200).body("title", equalTo("Greeting"));
    }
}
