package io.chatcases.cases.ingest;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.service.CaseService;
import io.chatcases.cases.support.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.function.IntPredicate;
import org.apache.kafka.common.utils.Utils;

/** Which partition of test.chat.ingest a Case's sends land on (Kafka's default partitioner). */
final class Partitions {
    static final int COUNT = 6;

    private Partitions() {}

    static int of(ChatCase c) {
        byte[] key = c.id.toString().getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(key)) % COUNT;
    }

    /** Starts Cases until one lands on a partition that {@code wanted} accepts. */
    static ChatCase startCaseOn(CaseService cases, IntPredicate wanted) {
        for (int i = 0; i < 500; i++) {
            ChatCase c = Fixtures.startCase(cases);
            if (wanted.test(of(c))) {
                return c;
            }
        }
        throw new IllegalStateException("no Case landed on a wanted partition");
    }
}
