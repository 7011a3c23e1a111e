package io.chatcases.cases.domain;

import io.chatcases.events.MessageKind;
import io.chatcases.events.SenderType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The customer's copy of a conversation as plain text: the one implementation behind the customer's
 * download and the file kept in the Case's Files tab on close.
 *
 * <p>Only kinds in {@link #CUSTOMER_VISIBLE} are written: an allow-list, so a kind added later
 * (agents' private notes) stays out until someone decides that the customer may read it. Every
 * piece of text is {@linkplain #safe(String) made safe}: control characters, NUL and bidi overrides
 * become U+FFFD, and a message's further lines are indented, so no message can forge another
 * message's header line.
 */
public final class Transcript {

    /** The message kinds a customer sees in their chat, and so in their transcript. */
    public static final Set<MessageKind> CUSTOMER_VISIBLE =
            EnumSet.of(MessageKind.TEXT, MessageKind.FILE, MessageKind.SYSTEM);

    /** The author of platform messages. */
    public static final String PLATFORM = "Chat Cases";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final char REPLACEMENT = '\uFFFD';
    private static final String INDENT = "    ";

    private Transcript() {}

    /** The Case as the transcript's header shows it; {@code closedAt} null while open. */
    public record Header(long number, String customer, Instant startedAt, Instant closedAt) {}

    /** One message as the transcript needs it. */
    public record Line(
            long seq,
            MessageKind kind,
            SenderType senderType,
            String senderName,
            String text,
            String fileName,
            Instant at) {}

    /** The attachment name of Case {@code number}'s transcript. */
    public static String fileName(long number) {
        return "chat-" + number + ".txt";
    }

    /** The transcript, written at {@code writtenAt} (shown while the Case is still open). */
    public static String render(Header header, List<Line> messages, Instant writtenAt) {
        StringBuilder out = new StringBuilder();
        out.append("Chat Cases transcript: Case ").append(header.number()).append('\n');
        out.append("Customer: ").append(oneLine(header.customer())).append('\n');
        out.append("Started: ").append(time(header.startedAt())).append('\n');
        if (header.closedAt() != null) {
            out.append("Closed: ").append(time(header.closedAt())).append('\n');
        } else {
            out.append("Written: ").append(time(writtenAt)).append(" (the chat is still open)\n");
        }
        messages.stream()
                .filter(m -> CUSTOMER_VISIBLE.contains(m.kind()))
                .sorted(Comparator.comparingLong(Line::seq))
                .forEach(m -> message(out, header, m));
        return out.toString();
    }

    private static void message(StringBuilder out, Header header, Line m) {
        out.append('\n')
                .append('[')
                .append(time(m.at()))
                .append("] ")
                .append(author(header, m))
                .append(":\n");
        if (m.text() != null && !m.text().isBlank()) {
            out.append(INDENT).append(safe(m.text()).replace("\n", "\n" + INDENT)).append('\n');
        }
        if (m.kind() == MessageKind.FILE) {
            out.append(INDENT)
                    .append("File: ")
                    .append(m.fileName() == null ? "(unnamed)" : oneLine(m.fileName()))
                    .append('\n');
        }
    }

    /** Customer: the stored name (the Case's customer name); agent: first and last name. */
    static String author(Header header, Line m) {
        String name =
                switch (m.senderType()) {
                    case SYSTEM -> PLATFORM;
                    case CUSTOMER -> orElse(m.senderName(), orElse(header.customer(), "Customer"));
                    case USER -> orElse(m.senderName(), "Agent");
                };
        return oneLine(name);
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String time(Instant at) {
        return at == null ? "-" : TIME.format(at);
    }

    /** {@link #safe(String)} on one line: line breaks become spaces (names, file names). */
    static String oneLine(String s) {
        return s == null ? "" : safe(s).replace('\n', ' ').strip();
    }

    /**
     * Text that a text viewer shows as written: line breaks normalised to {@code \n}, tabs kept,
     * every other control character (C0, DEL, C1, NUL), bidi embedding, override and isolate
     * characters and unpaired surrogates replaced by U+FFFD.
     */
    public static String safe(String s) {
        String text = s.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isHighSurrogate(ch)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(ch).append(text.charAt(++i));
            } else {
                out.append(unsafe(ch) ? REPLACEMENT : ch);
            }
        }
        return out.toString();
    }

    private static boolean unsafe(char ch) {
        if (ch == '\n' || ch == '\t') {
            return false;
        }
        return Character.isISOControl(ch)
                || Character.isSurrogate(ch)
                || (ch >= '\u202A' && ch <= '\u202E')
                || (ch >= '\u2066' && ch <= '\u2069')
                || ch == '\u2028'
                || ch == '\u2029';
    }
}
