package io.chatcases.cases.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.service.MessageService;
import io.chatcases.cases.support.CaseEventsTopic;
import io.chatcases.cases.support.Fixtures;
import io.chatcases.cases.support.IngestTopic;
import io.chatcases.events.ErrorCode;
import io.chatcases.events.IngestCommand;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A send that can be neither stored nor refused (a bug in both paths; here a stand-in message
 * service fails both for good for one clientMsgId) was accepted by a gateway, so it must not be
 * dropped: it is parked in the dead-letter topic, replayable, and counted, while the sends beside
 * and after it are stored. Before, it was dropped with an ERROR line.
 */
@QuarkusTest
@TestProfile(UnanswerableSendTest.Broken.class)
class UnanswerableSendTest {
    static final String MARK = "unanswerable-";
    private static final String DLQ = "test.chat.ingest.dlq";

    @Inject CaseService cases;
    @Inject MeterRegistry metrics;

    @Test
    void aSendThatCanBeNeitherStoredNorRefusedIsParkedNotDropped() {
        ChatCase c = Fixtures.startCase(cases);
        String marked = MARK + UUID.randomUUID();
        double before = deadLettered();
        Stored.storedAround(
                c.id, "u-", IngestTopic.json(IngestTopic.customerText(c.id, marked, "bugged")));

        List<ConsumerRecord<String, String>> parked = awaitParked(marked, Duration.ofSeconds(20));
        assertEquals(1, parked.size(), "the send is parked once, not dropped");
        assertEquals(c.id.toString(), parked.get(0).key(), "with its key, for the replay");
        assertTrue(parked.get(0).value().contains("\"bugged\""), parked.get(0).value());
        assertEquals(before + 1, deadLettered(), "and counted");
        assertEquals(200, given().get("/q/health/live").statusCode());
        assertEquals(200, given().get("/q/health/ready").statusCode());
    }

    private double deadLettered() {
        return Fixtures.counted(metrics, "chat.ingest.dead-lettered");
    }

    /** The dead-letter topic's records whose value holds {@code clientMsgId}, once there are. */
    private static List<ConsumerRecord<String, String>> awaitParked(
            String clientMsgId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, String>> found = parked(clientMsgId);
        while (found.isEmpty() && System.nanoTime() < deadline) {
            Stored.sleep(250);
            found = parked(clientMsgId);
        }
        return found;
    }

    private static List<ConsumerRecord<String, String>> parked(String clientMsgId) {
        return CaseEventsTopic.records(DLQ).stream()
                .filter(r -> r.value() != null && r.value().contains(clientMsgId))
                .toList();
    }

    /** The stand-in message service: storing and refusing the marked sends fail for good. */
    public static class Broken implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FailingForMarkedSends.class);
        }
    }

    @Alternative
    @ApplicationScoped
    public static class FailingForMarkedSends extends MessageService {
        @Override
        @WithTransaction
        public Uni<Void> ingest(IngestCommand cmd, FileInfo file) {
            return marked(cmd) ? bug(cmd) : super.ingest(cmd, file);
        }

        @Override
        @WithTransaction
        public Uni<Void> ingestAll(List<IngestCommand> cmds) {
            return cmds.stream().anyMatch(FailingForMarkedSends::marked)
                    ? bug(cmds.get(0))
                    : super.ingestAll(cmds);
        }

        @Override
        @WithTransaction
        public Uni<Void> refuse(IngestCommand cmd, ErrorCode code, String message) {
            return marked(cmd) ? bug(cmd) : super.refuse(cmd, code, message);
        }

        private static boolean marked(IngestCommand cmd) {
            return cmd.clientMsgId().startsWith(MARK);
        }

        private static Uni<Void> bug(IngestCommand cmd) {
            return Uni.createFrom()
                    .failure(new IllegalStateException("a bug for " + cmd.clientMsgId()));
        }
    }
}
