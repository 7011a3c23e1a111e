package io.chatcases.gateway.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A fan-out consumer commits nothing: after a rebalance it must resume where this replica stopped,
 * never at "latest" (which skips every event published while the group was re-forming).
 */
class FanOutAssignmentTest {
    static final TopicPartition P0 = new TopicPartition("chat.case-events", 0);
    static final TopicPartition P1 = new TopicPartition("chat.case-events", 1);

    MockConsumer<String, String> consumer() {
        MockConsumer<String, String> c = new MockConsumer<>("latest");
        c.assign(List.of(P0, P1));
        c.updateEndOffsets(Map.of(P0, 10L, P1, 20L));
        return c;
    }

    @Test
    void theFirstAssignmentStartsAtTheLatestOffset() {
        MockConsumer<String, String> c = consumer();
        new FanOutAssignment().onPartitionsAssigned(c, List.of(P0, P1));
        assertEquals(10, c.position(P0));
        assertEquals(20, c.position(P1));
    }

    @Test
    void aReassignedPartitionResumesAfterTheLastHandledEvent() {
        MockConsumer<String, String> c = consumer();
        FanOutAssignment fanOut = new FanOutAssignment();
        fanOut.onPartitionsAssigned(c, List.of(P0, P1));
        fanOut.handled("chat.case-events", 0, 14);
        // The broker restarts; while the group re-forms, events are published: the end moves on.
        c.updateEndOffsets(Map.of(P0, 40L, P1, 50L));
        fanOut.onPartitionsRevoked(c, List.of(P0, P1));
        c.seekToEnd(List.of(P0, P1)); // what auto.offset.reset=latest would do
        fanOut.onPartitionsAssigned(c, List.of(P0, P1));
        assertEquals(15, c.position(P0), "after the last handled event");
        assertEquals(20, c.position(P1), "where the partition was taken away");
    }

    @Test
    void aLostPartitionResumesAfterTheLastHandledEvent() {
        MockConsumer<String, String> c = consumer();
        FanOutAssignment fanOut = new FanOutAssignment();
        fanOut.onPartitionsAssigned(c, List.of(P0));
        fanOut.handled("chat.case-events", 0, 11);
        c.updateEndOffsets(Map.of(P0, 30L));
        c.seekToEnd(List.of(P0));
        fanOut.onPartitionsAssigned(c, List.of(P0));
        assertEquals(12, c.position(P0));
    }
}
