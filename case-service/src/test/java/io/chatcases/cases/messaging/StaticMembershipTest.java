package io.chatcases.cases.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StaticMembershipTest {
    private static final String VALID = "[A-Za-z0-9._-]{1,249}";

    @Test
    void concurrentConsumersGetDistinctIdsTheBrokerAccepts() {
        String one =
                StaticMembership.instanceId(
                        "case-service-local-8081", "kafka-consumer-chat-ingest$1");
        String two =
                StaticMembership.instanceId(
                        "case-service-local-8081", "kafka-consumer-chat-ingest$2");
        assertEquals("case-service-local-8081-kafka-consumer-chat-ingest-1", one);
        assertNotEquals(one, two);
        assertTrue(one.matches(VALID) && two.matches(VALID));
    }

    @Test
    void podNamesAndLongBasesStayValid() {
        assertTrue(StaticMembership.instanceId("case-service/pod:7 ü", "c").matches(VALID));
        assertTrue(StaticMembership.instanceId("x".repeat(400), "c$3").matches(VALID));
        assertTrue(StaticMembership.instanceId("x".repeat(400), "c$3").endsWith("c-3"));
    }
}
