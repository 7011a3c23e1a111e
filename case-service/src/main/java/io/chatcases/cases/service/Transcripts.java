package io.chatcases.cases.service;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.domain.Message;
import io.chatcases.cases.domain.Transcript;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Builds a Case's transcript ({@link Transcript}) from its stored conversation: for the customer's
 * (or an agent's) download, and for the file kept on close ({@link TranscriptExports}).
 */
@ApplicationScoped
public class Transcripts {
    @Inject CaseService cases;

    /** A transcript ready to send: its attachment name and its text. */
    public record TranscriptFile(String name, String text) {}

    /** The transcript of a Case the caller may read (404 / 403 otherwise). */
    @WithSession
    public Uni<TranscriptFile> of(UUID caseId, Caller caller) {
        return cases.visible(caseId, caller).chain(c -> build(c, c.lastSeq));
    }

    /**
     * The transcript of {@code c} up to {@code throughSeq}, within the caller's session. The query
     * already keeps to the customer-visible kinds; {@link Transcript} checks them again.
     */
    Uni<TranscriptFile> build(ChatCase c, long throughSeq) {
        return Message.<Message>find(
                        "caseId = ?1 and seq <= ?2 and kind in ?3 order by seq",
                        c.id,
                        throughSeq,
                        Transcript.CUSTOMER_VISIBLE)
                .list()
                .map(
                        messages ->
                                new TranscriptFile(
                                        Transcript.fileName(c.number),
                                        Transcript.render(
                                                new Transcript.Header(
                                                        c.number,
                                                        c.contactName(),
                                                        c.createdAt,
                                                        c.closedAt),
                                                lines(messages),
                                                Instant.now())));
    }

    private static List<Transcript.Line> lines(List<Message> messages) {
        return messages.stream()
                .map(
                        m ->
                                new Transcript.Line(
                                        m.seq,
                                        m.kind,
                                        m.senderType,
                                        m.senderName,
                                        m.text,
                                        m.fileName,
                                        m.createdAt))
                .toList();
    }
}
