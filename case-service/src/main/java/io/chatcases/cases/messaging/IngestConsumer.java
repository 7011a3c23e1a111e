package io.chatcases.cases.messaging;

import io.chatcases.cases.client.FileChecker;
import io.chatcases.cases.service.MessageService;
import io.chatcases.events.IngestCommand;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes the gateways' sends. Records of one Case share a partition and are handled one at a
 * time, so seqs are allocated in arrival order; a crash before the offset commit redelivers, and
 * the (case, clientMsgId) de-duplication makes that harmless.
 */
@ApplicationScoped
public class IngestConsumer {
    private static final Logger LOG = Logger.getLogger(IngestConsumer.class);

    @Inject MessageService messages;
    @Inject FileChecker files;
    @Inject OutboxRelay relay;

    @Incoming("chat-ingest")
    public Uni<Void> consume(IngestCommand cmd) {
        if (cmd == null
                || cmd.caseId() == null
                || cmd.clientMsgId() == null
                || cmd.sender() == null) {
            // Unreadable: fail the record so the dead-letter queue keeps it for inspection.
            return Uni.createFrom()
                    .failure(new IllegalArgumentException("malformed ingest record"));
        }
        return files.check(cmd.caseId(), cmd.fileId())
                .chain(file -> messages.ingest(cmd, file))
                // Database or file-service hiccups: retry in place rather than park a good send.
                .onFailure(e -> !(e instanceof IllegalArgumentException))
                .retry()
                .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(5))
                .atMost(30)
                .onFailure()
                .invoke(
                        e ->
                                LOG.errorf(
                                        e,
                                        "send %s of case %s failed",
                                        cmd.clientMsgId(),
                                        cmd.caseId()))
                .invoke(relay::wake);
    }
}
