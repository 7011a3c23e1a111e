package io.chatcases.cases.service;

import io.chatcases.cases.domain.ChatCase;
import io.chatcases.cases.domain.Message;
import io.chatcases.events.CaseView;
import io.chatcases.events.MessageView;

/** Entity -> wire shape, in one place: REST, socket frames and events use the same views. */
public final class Views {
    private Views() {}

    public static CaseView of(ChatCase c) {
        CaseView.Person owner =
                c.ownerId == null
                        ? null
                        : new CaseView.Person(c.ownerId, c.ownerFirstName, c.ownerLastName);
        return new CaseView(
                c.id,
                c.number,
                c.channel,
                c.status,
                owner,
                new CaseView.ContactView(
                        c.contactId,
                        c.contactFirstName,
                        c.contactLastName,
                        c.contactInitials,
                        c.contactEmail),
                c.createdAt,
                c.lastSeq,
                c.emailVerified,
                c.ratingScore == null
                        ? null
                        : new CaseView.Rating(c.ratingScore, c.ratingComment, c.ratedAt));
    }

    public static MessageView of(Message m) {
        MessageView.FileRef file =
                m.fileId == null
                        ? null
                        : new MessageView.FileRef(
                                m.fileId,
                                m.fileName,
                                m.fileSize == null ? 0 : m.fileSize,
                                m.fileContentType);
        return new MessageView(
                m.caseId,
                m.seq,
                m.messageId,
                m.clientMsgId,
                m.kind,
                new MessageView.Sender(m.senderType, m.senderId, m.senderName),
                m.text,
                file,
                m.createdAt);
    }
}
