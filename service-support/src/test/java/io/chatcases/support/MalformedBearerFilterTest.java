package io.chatcases.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MalformedBearerFilterTest {

    @Test
    void tokensOfDotsOnlyAreMalformed() {
        for (String h :
                new String[] {"Bearer .", "Bearer ..", "Bearer ...", "bearer ..", "BEARER ...."}) {
            assertTrue(MalformedBearerFilter.malformed(h), h);
        }
    }

    @Test
    void everythingElseIsLeftToAuthentication() {
        for (String h :
                new String[] {
                    null,
                    "",
                    "Bearer",
                    "Bearer ",
                    "Bearer a..",
                    "Bearer .a.",
                    "Bearer  ..",
                    "Bearer a.b.c",
                    "Basic ..",
                    "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x"
                }) {
            assertFalse(MalformedBearerFilter.malformed(h), String.valueOf(h));
        }
    }

    @Test
    void theSubprotocolCarrierIsCheckedToo() {
        assertTrue(
                MalformedBearerFilter.malformedCarrier(
                        "bearer-token-carrier, quarkus-http-upgrade#Authorization#Bearer%20.."));
        assertFalse(
                MalformedBearerFilter.malformedCarrier(
                        "bearer-token-carrier, quarkus-http-upgrade#Authorization#Bearer%20a.b.c"));
        // As the console and the Vert.x client send it: the whole value URI-encoded.
        assertTrue(
                MalformedBearerFilter.malformedCarrier(
                        "bearer-token-carrier,quarkus-http-upgrade%23Authorization%23Bearer%20.."));
        assertFalse(
                MalformedBearerFilter.malformedCarrier(
                        "bearer-token-carrier,quarkus-http-upgrade%23Authorization%23Bearer%20x.y"));
        assertFalse(
                MalformedBearerFilter.malformedCarrier("quarkus-http-upgrade#Authorization#%zz"));
        assertFalse(MalformedBearerFilter.malformedCarrier(null));
    }
}
