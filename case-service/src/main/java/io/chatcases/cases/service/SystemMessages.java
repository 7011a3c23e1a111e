package io.chatcases.cases.service;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.domain.Message;
import io.chatcases.events.MessageKind;
import io.chatcases.events.SenderType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** The texts the system writes into conversations. The caller has already taken the seq. */
@ApplicationScoped
public class SystemMessages {

    /** Tells the customer who they are chatting with: the owner's first and last name. */
    public Message claimed(ChatCase c, Caller owner) {
        return message(c, "You are now chatting with " + owner.fullName());
    }

    public Message resolved(ChatCase c, Caller by) {
        return message(c, "This chat was resolved by " + by.fullName() + ".");
    }

    private static Message message(ChatCase c, String text) {
        Message m = new Message();
        m.caseId = c.id;
        m.seq = c.lastSeq;
        m.messageId = UUID.randomUUID();
        m.kind = MessageKind.SYSTEM;
        m.senderType = SenderType.SYSTEM;
        m.text = text;
        m.createdAt = Instant.now();
        return m;
    }
}
