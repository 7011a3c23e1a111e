package io.chatcases.gateway.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chatcases.events.MessageView;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** A socket's per-Case stream: replay + live, in seq order, never a seq twice. */
class CaseStreamTest {

    static MessageView msg(long seq) {
        return new MessageView(null, seq, null, null, null, null, null, null, null);
    }

    static List<MessageView> msgs(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(CaseStreamTest::msg).toList();
    }

    static List<Long> seqs(List<MessageView> sent) {
        return sent.stream().map(m -> m.seq()).toList();
    }

    @Test
    void liveMessagesDuringAReplayAreSentAfterItWithoutDuplicates() {
        Session.CaseStream stream = new Session.CaseStream();
        List<MessageView> sent = new ArrayList<>();
        stream.beginReplay(3);
        stream.live(msg(6), sent::add); // arrives while the replay is in flight
        stream.live(msg(7), sent::add);
        stream.endReplay(msgs(4, 6), sent::add); // replay overlaps the live message 6
        stream.live(msg(7), sent::add); // re-announced duplicate
        stream.live(msg(8), sent::add);
        assertEquals(List.of(4L, 5L, 6L, 7L, 8L), seqs(sent));
    }

    @Test
    void aHistoryReloadCarriesTheWholeConversationThenLiveContinuesAfterIt() {
        Session.CaseStream stream = new Session.CaseStream();
        List<MessageView> live = new ArrayList<>();
        stream.live(msg(1), live::add);
        stream.live(msg(2), live::add); // seen live before the agent opened the Case
        stream.beginHistory();
        stream.live(msg(4), live::add); // arrives during the reload
        List<List<MessageView>> histories = new ArrayList<>();
        stream.endHistory(msgs(1, 3), histories::add);
        stream.live(msg(4), live::add);
        stream.live(msg(5), live::add);
        assertEquals(List.of(1L, 2L, 3L, 4L), seqs(histories.get(0)));
        assertEquals(List.of(1L, 2L, 5L), seqs(live));
    }

    @Test
    void aGapIsDetectedOnlyWhenNotReplaying() {
        Session.CaseStream stream = new Session.CaseStream();
        stream.live(msg(1), m -> {});
        assertEquals(false, stream.gapBefore(msg(2)));
        assertEquals(true, stream.gapBefore(msg(4)));
        stream.beginReplay(1);
        assertEquals(false, stream.gapBefore(msg(4)));
    }

    @Test
    void aNotesSeqIsPassedOverSoTheNextMessageIsNoGap() {
        Session.CaseStream stream = new Session.CaseStream();
        List<MessageView> sent = new ArrayList<>();
        stream.live(msg(1), sent::add);
        stream.passOver(2); // a private note: never sent to this socket
        assertEquals(false, stream.gapBefore(msg(3)));
        stream.live(msg(3), sent::add);
        assertEquals(List.of(1L, 3L), seqs(sent));
        // Not the next seq (4 went missing), or a replay runs: nothing is passed over.
        stream.passOver(5);
        assertEquals(true, stream.gapBefore(msg(6)));
        stream.beginReplay(3);
        stream.passOver(4);
        assertEquals(3L, stream.lastSent());
    }

    @RepeatedTest(50)
    void concurrentLiveAndReplayNeverSendASeqTwiceOrOutOfOrder() throws Exception {
        Session.CaseStream stream = new Session.CaseStream();
        List<MessageView> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        stream.beginReplay(0);
        Thread live =
                new Thread(
                        () -> {
                            for (long s = 1; s <= 200; s++) {
                                stream.live(msg(s), sent::add);
                            }
                        });
        live.start();
        stream.endReplay(msgs(1, 120), sent::add);
        live.join();
        List<Long> got = seqs(sent);
        assertEquals(LongStream.rangeClosed(1, 200).boxed().toList(), got);
    }
}
