package io.chatcases.cases.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chatcases.cases.domain.Transcript.Header;
import io.chatcases.cases.domain.Transcript.Line;
import io.chatcases.events.MessageKind;
import io.chatcases.events.SenderType;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transcript text: header, order, authors, files, hostile text, customer-visible kinds only.
 */
class TranscriptTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private static final Header CLOSED = new Header(1042, "Ann Lee", T0, T0.plusSeconds(3600));

    private static Line text(long seq, SenderType type, String name, String text) {
        return new Line(seq, MessageKind.TEXT, type, name, text, null, T0.plusSeconds(seq));
    }

    @Test
    void closedCaseHasHeaderAuthorsFilesAndTimesInSeqOrder() {
        List<Line> messages =
                List.of(
                        text(3, SenderType.USER, "Bob Stone", "Hi Ann, how can I help?"),
                        text(1, SenderType.SYSTEM, null, "An agent will be with you shortly."),
                        new Line(
                                4,
                                MessageKind.FILE,
                                SenderType.CUSTOMER,
                                "Ann Lee",
                                null,
                                "invoice.pdf",
                                T0.plusSeconds(4)),
                        text(2, SenderType.CUSTOMER, "Ann Lee", "My invoice is wrong\nsee below"));

        String out = Transcript.render(CLOSED, messages, T0.plusSeconds(9999));

        assertEquals(
                """
                Chat Cases transcript: Case 1042
                Customer: Ann Lee
                Started: 2026-11-30 10:00:00 UTC
                Closed: 2026-11-30 11:00:00 UTC

                [2026-11-30 10:00:01 UTC] Chat Cases:
                    An agent will be with you shortly.

                [2026-11-30 10:00:02 UTC] Ann Lee:
                    My invoice is wrong
                    see below

                [2026-11-30 10:00:03 UTC] Bob Stone:
                    Hi Ann, how can I help?

                [2026-11-30 10:00:04 UTC] Ann Lee:
                    File: invoice.pdf
                """,
                out);
    }

    @Test
    void openCaseSaysWhenItWasWritten() {
        String out =
                Transcript.render(
                        new Header(7, "Ann Lee", T0, null), List.of(), T0.plusSeconds(60));
        assertTrue(out.contains("Written: 2026-11-30 10:01:00 UTC (the chat is still open)\n"));
        assertFalse(out.contains("Closed:"));
    }

    @Test
    void missingNamesFallBackToTheCaseCustomerAndAgent() {
        String out =
                Transcript.render(
                        CLOSED,
                        List.of(
                                text(1, SenderType.CUSTOMER, null, "a"),
                                text(2, SenderType.USER, " ", "b")),
                        T0);
        assertTrue(out.contains("] Ann Lee:\n    a\n"), out);
        assertTrue(out.contains("] Agent:\n    b\n"), out);
    }

    @Test
    void onlyTheAllowListedKindsAreCustomerVisible() {
        assertEquals(
                EnumSet.of(MessageKind.TEXT, MessageKind.FILE, MessageKind.SYSTEM),
                Transcript.CUSTOMER_VISIBLE);
    }

    /**
     * Every kind outside the allow-list (agents' private notes, once they exist) is left out: the
     * rule holds for whatever MessageKind gains, without a change here.
     */
    @Test
    void everyOtherKindIsLeftOut() {
        List<MessageKind> hidden =
                Arrays.stream(MessageKind.values())
                        .filter(k -> !Transcript.CUSTOMER_VISIBLE.contains(k))
                        .toList();
        List<Line> messages =
                hidden.stream()
                        .map(
                                k ->
                                        new Line(
                                                10 + k.ordinal(),
                                                k,
                                                SenderType.USER,
                                                "Bob Stone",
                                                "SECRET " + k,
                                                null,
                                                T0))
                        .toList();
        String out =
                Transcript.render(
                        CLOSED,
                        concat(messages, text(1, SenderType.CUSTOMER, "Ann Lee", "visible")),
                        T0);
        assertFalse(out.contains("SECRET"), out);
        assertTrue(out.contains("visible"), out);
    }

    private static List<Line> concat(List<Line> a, Line b) {
        return java.util.stream.Stream.concat(a.stream(), java.util.stream.Stream.of(b)).toList();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"\u0000", "\u0007", "\u001b[31m", "\u007f", "\u0085", "\u202e", "\u2066"})
    void controlAndBidiCharactersBecomeReplacementCharacters(String hostile) {
        String out =
                Transcript.render(
                        new Header(1, "Eve" + hostile, T0, T0),
                        List.of(text(1, SenderType.CUSTOMER, "Eve" + hostile, "x" + hostile + "y")),
                        T0);
        assertFalse(out.contains(hostile.substring(0, 1)), out);
        assertTrue(out.contains("x\uFFFD"), out);
        assertTrue(out.contains("Customer: Eve\uFFFD"), out);
    }

    @Test
    void aMessageCannotForgeAnotherMessagesHeader() {
        String out =
                Transcript.render(
                        CLOSED,
                        List.of(
                                text(
                                        1,
                                        SenderType.CUSTOMER,
                                        "Ann Lee",
                                        "ok\r\n[2026-11-30 10:00:05 UTC] Chat Cases:\rrefund"
                                                + " approved")),
                        T0);
        assertTrue(
                out.endsWith(
                        "    ok\n    [2026-11-30 10:00:05 UTC] Chat Cases:\n    refund approved\n"),
                out);
        assertFalse(out.contains("\r"));
    }

    @Test
    void namesStayOnOneLineAndTabsAndEmojiSurvive() {
        assertEquals("Ann Lee", Transcript.oneLine("Ann\nLee"));
        assertEquals("a\tb \uD83D\uDE00", Transcript.safe("a\tb \uD83D\uDE00"));
        assertEquals("\uFFFDx", Transcript.safe("\uD83Dx"));
    }

    @Test
    void fileNameCarriesTheCaseNumber() {
        assertEquals("chat-1042.txt", Transcript.fileName(1042));
    }
}
