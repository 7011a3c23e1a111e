package io.chatcases.cases.messaging;

import io.chatcases.cases.client.FileChecker;
import io.chatcases.cases.service.MessageService;
import io.chatcases.events.IngestCommand;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes the gateways' sends. Each Kafka consumer of the channel ({@code concurrency}) handles
 * its partitions one record at a time, so the sends of one Case are stored in arrival order while
 * other partitions flow on. Failures are classified ({@link IngestFailures}): a send that can never
 * be stored is refused at once (message.rejected to its sender) and its offset committed; a
 * transient fault is retried with bounded back-off until it clears, holding only this partition. A
 * crash before the offset commit redelivers; the (case, clientMsgId) dedup makes that harmless.
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
    public Uni<Void> consume(IngestCommand cmd) {
        if (cmd == null
                || cmd.caseId() == null
                || cmd.clientMsgId() == null
                || cmd.sender() == null
                || cmd.sender().type() == null) {
            // Unreadable: nobody to answer. Parked in the dead-letter topic (counted, alerted on,
            // replayable: docs/events.md), and consumption goes on.
            metrics.counter("chat.ingest.dead-lettered").increment();
            LOG.error("unreadable chat.ingest record parked in the dead-letter topic");
            return Uni.createFrom()
                    .failure(new IllegalArgumentException("unreadable ingest record"));
        }
        ConsumerProgress.Work work = progress.begin(CHANNEL, cmd.caseId());
        return work.untilDone(
                        () -> store(cmd, work),
                        config.attemptTimeout(),
                        failure -> refuse(cmd, work, failure))
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

    /** Answers the sender once; only writing the answer itself is retried (database away). */
    private Uni<Void> refuse(IngestCommand cmd, ConsumerProgress.Work work, Throwable failure) {
        IngestFailures.Verdict verdict = IngestFailures.classify(failure);
        LOG.warnf(
                "send %s of case %s refused (%s): %s",
                cmd.clientMsgId(), cmd.caseId(), verdict.code(), failure.toString());
        metrics.counter("chat.ingest.rejected", "code", verdict.code().name()).increment();
        return work.untilDone(
                () -> messages.refuse(cmd, verdict.code(), verdict.message()),
                config.attemptTimeout(),
                cannot -> {
                    // Not even the refusal can be stored: give this record up rather than stop
                    // the stream; the log says which one.
                    LOG.errorf(
                            cannot,
                            "send %s of case %s dropped: its refusal could not be stored",
                            cmd.clientMsgId(),
                            cmd.caseId());
                    return Uni.createFrom().voidItem();
                });
    }
}
