package io.chatcases.cases.messaging;

import io.chatcases.cases.client.FileChecker;
import io.chatcases.cases.service.MessageService;
import io.chatcases.events.IngestCommand;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes the gateways' sends, a polled batch at a time. Each Kafka consumer of the channel
 * ({@code concurrency}) owns its partitions, so the sends of one Case are stored in arrival order
 * while other partitions flow on.
 *
 * <p><b>Fast path:</b> the text sends of a batch are stored in one transaction (one commit, one
 * relay pass), in batch order. <b>Per-record path:</b> a batch of one, a batch with a file send
 * (its file is checked with file-service first), and any batch whose transaction fails are handled
 * one record at a time, exactly as before batching: failures are classified ({@link
 * IngestFailures}); a send that can never be stored is refused at once (message.rejected to its
 * sender); a transient fault is retried with bounded back-off until it clears, holding only this
 * consumer's partitions. The failed batch rolled back, so nothing is stored twice; should its
 * commit have happened after all (a timeout), the (case, clientMsgId) dedup re-announces instead.
 * Unreadable records, and sends that can be neither stored nor refused, are parked in the
 * dead-letter topic. The batch's offsets are committed after all of that, so a crash redelivers,
 * and the dedup makes that harmless.
 */
@ApplicationScoped
public class IngestConsumer {
    private static final Logger LOG = Logger.getLogger(IngestConsumer.class);
    static final String CHANNEL = "chat-ingest";

    @Inject MessageService messages;
    @Inject FileChecker files;
    @Inject ConsumerProgress progress;
    @Inject IngestConfig config;
    @Inject MeterRegistry metrics;

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, IngestCommand> batch) {
        List<KafkaRecord<String, IngestCommand>> sends = new ArrayList<>();
        List<Uni<Void>> parked = new ArrayList<>();
        for (KafkaRecord<String, IngestCommand> record : batch) {
            if (readable(record.getPayload())) {
                sends.add(record);
            } else {
                metrics.counter("chat.ingest.dead-lettered").increment();
                LOG.errorf(
                        "unreadable chat.ingest record (partition %d, offset %d, key %s) parked in"
                                + " the dead-letter topic",
                        record.getPartition(), offset(record), record.getKey());
                parked.add(park(record, "unreadable ingest record"));
            }
        }
        metrics.summary("chat.ingest.batch.size").record(sends.size());
        Uni<Void> parkedAll =
                parked.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : Uni.join().all(parked).andCollectFailures().replaceWithVoid();
        return parkedAll
                .chain(() -> storeAll(sends))
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    private static boolean readable(IngestCommand cmd) {
        return cmd != null
                && cmd.caseId() != null
                && cmd.clientMsgId() != null
                && cmd.sender() != null
                && cmd.sender().type() != null;
    }

    /**
     * Unreadable (nobody to answer), or a send that could be neither stored nor refused: parked in
     * the dead-letter topic (counted, alerted on, replayable: docs/events.md), and consumption goes
     * on. Should the dead-letter topic refuse it or not answer within an attempt (a missing ACL, a
     * deleted topic, the broker away), the record is not parked: the log names its partition and
     * offset, where it stays in chat.ingest until the topic's retention, and it is counted ({@code
     * chat.ingest.dead-letter.failed}). A failed park must not fail the poll: that would stop this
     * consumer and its partitions' conversations for one record nobody can read.
     */
    private Uni<Void> park(KafkaRecord<String, IngestCommand> record, String why) {
        ConsumerProgress.Work work = progress.begin(CHANNEL, record.getKey() + " (parked)");
        return Uni.createFrom()
                .completionStage(() -> record.nack(new IllegalArgumentException(why)))
                .ifNoItem()
                .after(config.attemptTimeout())
                .fail()
                .onFailure()
                .recoverWithItem(
                        failure -> {
                            metrics.counter("chat.ingest.dead-letter.failed").increment();
                            LOG.errorf(
                                    "chat.ingest record (partition %d, offset %d, key %s: %s)"
                                            + " could NOT be parked, the dead-letter topic"
                                            + " failed: %s; it stays in chat.ingest at that offset"
                                            + " until the topic's retention",
                                    record.getPartition(),
                                    offset(record),
                                    record.getKey(),
                                    why,
                                    failure.toString());
                            return null;
                        })
                // A failed park completes on the producer's thread; the sends after it need the
                // record's Vert.x context (Hibernate Reactive refuses any other).
                .emitOn(work.executor())
                .eventually(() -> progress.end(work));
    }

    private static long offset(KafkaRecord<?, ?> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getOffset)
                .orElse(-1L);
    }

    /** The fast path when it applies and succeeds, else one record at a time. */
    private Uni<Void> storeAll(List<KafkaRecord<String, IngestCommand>> records) {
        List<IngestCommand> sends = records.stream().map(KafkaRecord::getPayload).toList();
        if (sends.size() < 2 || sends.stream().anyMatch(cmd -> cmd.fileId() != null)) {
            return oneByOne(records);
        }
        ConsumerProgress.Work work =
                progress.begin(CHANNEL, sends.size() + " sends from " + sends.get(0).caseId());
        return Uni.createFrom()
                .deferred(() -> messages.ingestAll(sends))
                .ifNoItem()
                .after(config.attemptTimeout())
                .fail()
                .emitOn(work.executor())
                .onFailure()
                .recoverWithUni(
                        failure -> {
                            metrics.counter("chat.ingest.batch.fallbacks").increment();
                            LOG.debugf(
                                    "a batch of %d sends goes one at a time: %s",
                                    sends.size(), failure.toString());
                            return oneByOne(records);
                        })
                .eventually(() -> progress.end(work));
    }

    private Uni<Void> oneByOne(List<KafkaRecord<String, IngestCommand>> records) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (KafkaRecord<String, IngestCommand> record : records) {
            chain = chain.chain(() -> consumeOne(record));
        }
        return chain;
    }

    private Uni<Void> consumeOne(KafkaRecord<String, IngestCommand> record) {
        IngestCommand cmd = record.getPayload();
        ConsumerProgress.Work work = progress.begin(CHANNEL, cmd.caseId());
        return work.untilDone(
                        () -> store(cmd, work),
                        config.attemptTimeout(),
                        failure -> refuse(record, work, failure))
                .eventually(() -> progress.end(work));
    }

    private Uni<Void> store(IngestCommand cmd, ConsumerProgress.Work work) {
        if (cmd.fileId() == null) {
            return messages.ingest(cmd, null);
        }
        return files.check(cmd.caseId(), cmd.fileId())
                .emitOn(work.executor())
                .chain(file -> messages.ingest(cmd, file));
    }

    /**
     * Answers the sender once; only writing the answer itself is retried (database away). A send
     * whose answer cannot be written either (a bug: both failed for good) is parked in the
     * dead-letter topic rather than dropped: it was accepted, so it must stay replayable.
     */
    private Uni<Void> refuse(
            KafkaRecord<String, IngestCommand> record,
            ConsumerProgress.Work work,
            Throwable failure) {
        IngestCommand cmd = record.getPayload();
        IngestFailures.Verdict verdict = IngestFailures.classify(failure);
        LOG.warnf(
                "send %s of case %s refused (%s): %s",
                cmd.clientMsgId(), cmd.caseId(), verdict.code(), failure.toString());
        metrics.counter("chat.ingest.rejected", "code", verdict.code().name()).increment();
        return work.untilDone(
                () -> messages.refuse(cmd, verdict.code(), verdict.message()),
                config.attemptTimeout(),
                cannot -> {
                    // Not even the refusal can be stored: park the record rather than stop the
                    // stream or drop it; the log says which one and why.
                    metrics.counter("chat.ingest.dead-lettered").increment();
                    LOG.errorf(
                            cannot,
                            "send %s of case %s (partition %d, offset %d) parked in the"
                                    + " dead-letter topic: neither it nor its refusal could be"
                                    + " stored",
                            cmd.clientMsgId(),
                            cmd.caseId(),
                            record.getPartition(),
                            offset(record));
                    return park(
                            record, "neither stored nor refused: " + failure + "; then " + cannot);
                });
    }
}
