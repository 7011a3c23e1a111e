package io.chatcases.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.chatcases.events.ErrorCode;
import io.chatcases.events.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void titleIsTheStatusReasonPhraseAndTypeAboutBlank() {
        Problem p = Problems.of(409, ErrorCode.ALREADY_CLAIMED, "taken");
        assertEquals("Conflict", p.title());
        assertEquals(Problem.ABOUT_BLANK, p.type());
        assertEquals("Error", Problems.of(499, ErrorCode.BAD_REQUEST, "x").title());
    }

    @Test
    void bareStatusesKeepTheirCodes() {
        assertEquals(ErrorCode.METHOD_NOT_ALLOWED, Problems.codeOf(405));
        assertEquals(ErrorCode.UNSUPPORTED_MEDIA_TYPE, Problems.codeOf(415));
        assertEquals(ErrorCode.NOT_FOUND, Problems.codeOf(404));
        assertEquals(ErrorCode.BAD_REQUEST, Problems.codeOf(418));
        assertEquals(ErrorCode.INTERNAL, Problems.codeOf(502));
    }

    @Test
    void emptyViolationsAreNotWritten() throws Exception {
        Problem p = Problems.of(400, ErrorCode.BAD_REQUEST, "bad").withViolations(List.of());
        assertNull(p.violations());
        assertEquals(
                "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                        + "\"code\":\"BAD_REQUEST\",\"detail\":\"bad\"}",
                new ObjectMapper().writeValueAsString(p));
    }

    @Test
    void unreadableJsonNamesThePathThatFailed() {
        record Form(int size) {}
        try {
            new ObjectMapper().readValue("{\"size\":\"x\"}", Form.class);
        } catch (MismatchedInputException e) {
            assertEquals("size", Problems.jsonPath(e, "body"));
            return;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("Jackson read a string as an int");
    }
}
