package io.chatcases.cases.domain;

import io.chatcases.events.MessageKind;
import io.chatcases.events.SenderType;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** One message of a Case's conversation; (caseId, seq) is its place in the conversation. */
@Entity
@Table(name = "message")
@IdClass(Message.Key.class)
public class Message extends PanacheEntityBase {

    /** Composite key: the Case and the message's seq in it. */
    public record Key(UUID caseId, long seq) implements Serializable {
        public Key() {
            this(null, 0);
        }
    }

    @Id
    @Column(name = "case_id")
    public UUID caseId;

    @Id public long seq;

    @Column(name = "id", unique = true)
    public UUID messageId;

    @Column(name = "client_msg_id")
    public String clientMsgId;

    @Enumerated(EnumType.STRING)
    public MessageKind kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "sender_type")
    public SenderType senderType;

    @Column(name = "sender_id")
    public String senderId;

    @Column(name = "sender_name")
    public String senderName;

    public String text;

    @Column(name = "file_id")
    public UUID fileId;

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "file_size")
    public Long fileSize;

    @Column(name = "file_content_type")
    public String fileContentType;

    @Column(name = "created_at")
    public Instant createdAt;
}
