package io.chatcases.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatcases.testing.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client away longer than the replay window ({@code gateway.max-replay}, 20 on the replica 8088)
 * gets {@code resync} instead of a partial replay, reloads (customer: REST with its token; agent:
 * {@code open} and REST) and ends with every stored message exactly once, seqs contiguous. Within
 * the window, a resume replays exactly what was missed.
 */
class LongDisconnectIT {
    static final int REPLICA = 8088;
    static final int WINDOW = 20;
    static final String ORIGIN = "http://localhost:8080";
    static Process replica;
    static final List<String> owned = new ArrayList<>();

    @AfterAll
    static void leaveNothingWaiting() {
        Platform.clearWaitingCases();
    }

    @BeforeAll
    static void startReplica() {
        replica = Platform.startGateway(REPLICA, "-Dgateway.max-replay=" + WINDOW);
    }

    @AfterAll
    static void stopReplicaAndResolve() {
        if (replica != null) {
            Platform.kill(replica);
        }
        for (String caseId : owned) {
            Platform.post(
                    Platform.GATEWAY,
                    "/api/cases/" + caseId + "/resolve",
                    "{}",
                    Tokens.of("admin"));
        }
    }

    /** Messages missed while away: more than the window; {@code -Dfaults.rounds=N} multiplies. */
    static int gap() {
        return (WINDOW + 10) * Crowd.rounds(1);
    }

    static Platform.Chat claimedChat(String agent, String name) {
        Platform.Chat chat = Platform.startChat("Lena", name);
        owned.add(chat.caseId());
        var r =
                Platform.post(
                        Platform.GATEWAY,
                        "/api/cases/" + chat.caseId() + "/claim",
                        "{}",
                        Tokens.of(agent));
        assertEquals(200, r.statusCode(), r.body());
        return chat;
    }

    static Live customer(int port, Platform.Chat chat) {
        return Live.connect(Ws.customerOptions(port, chat.customerToken(), ORIGIN), null);
    }

    static Live agent(int port, String agent) {
        return Live.connect(Ws.agentOptions(port, Tokens.of(agent)), null);
    }

    /**
     * Sends {@code n} messages spread over {@code senders} (agent sockets name the Case), paced
     * under the 5 frames/s per socket limit, and waits for every {@code accepted}.
     */
    static void pump(String caseId, String tag, int n, Live... senders) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Live s = senders[i % senders.length];
            String id = tag + "-" + i;
            ids.add(id);
            s.send("type", "send", "caseId", caseId, "clientMsgId", id, "text", tag + " " + i);
            if (i % senders.length == senders.length - 1) {
                Ws.sleep(230);
            }
        }
        for (int i = 0; i < n; i++) {
            String id = ids.get(i);
            senders[i % senders.length].await(
                    "accepted", f -> id.equals(f.path("clientMsgId").asText()), seconds(20));
        }
    }

    static long lastSeq(List<JsonNode> messages) {
        return messages.stream().mapToLong(m -> m.path("seq").asLong()).max().orElse(0);
    }

    static List<JsonNode> storedUpTo(String caseId, long seq) {
        List<JsonNode>[] box = new List[1];
        Crowd.waitFor(
                "stored up to seq " + seq,
                seconds(30),
                () -> lastSeq(box[0] = Crowd.stored(caseId, Tokens.of("admin"))) >= seq);
        return box[0];
    }

    /** The client's merged transcript (by seq) equals the stored one: each seq once, 1..N. */
    static void assertComplete(Map<Long, JsonNode> transcript, List<JsonNode> stored) {
        assertEquals(stored.size(), transcript.size(), "messages held vs stored");
        long expect = 1;
        for (JsonNode m : stored) {
            assertEquals(expect++, m.path("seq").asLong(), "stored seqs contiguous");
            JsonNode held = transcript.get(m.path("seq").asLong());
            assertEquals(m.path("text").asText(), held.path("text").asText(), "seq " + m);
        }
    }

    static void merge(Map<Long, JsonNode> transcript, List<JsonNode> messages) {
        messages.forEach(m -> transcript.put(m.path("seq").asLong(), m));
    }

    static List<Long> messageFrameSeqs(Live socket, String caseId) {
        List<Long> out = new ArrayList<>();
        for (JsonNode f : socket.all("message")) {
            if (caseId.equals(f.path("message").path("caseId").asText())) {
                out.add(f.path("message").path("seq").asLong());
            }
        }
        return out;
    }

    @Test
    void aCustomerAwayTooLongGetsResyncAndReloadsEverything() {
        Platform.Chat chat = claimedChat("alice", "Away");
        String id = chat.caseId();
        Map<Long, JsonNode> transcript = new TreeMap<>();
        try (Live owner = agent(Platform.GATEWAY, "alice");
                Live second = customer(Platform.GATEWAY, chat)) {
            owner.await("tiles", f -> true, seconds(15));
            Live first = customer(REPLICA, chat);
            first.await("history", f -> true, seconds(15));
            pump(id, "before", 4, first, owner);
            long before = lastSeq(storedUpTo(id, 5));
            Crowd.waitFor(
                    "the first socket has seq " + before,
                    seconds(15),
                    () -> lastSeq(first.messages(id)) >= before);
            merge(transcript, first.messages(id));
            first.close();

            // Away: the owner and the customer's other device write more than the window.
            int gap = gap();
            long t0 = System.nanoTime();
            pump(id, "away", gap, owner, second);
            long last = lastSeq(storedUpTo(id, before + gap));
            long awayMs = Crowd.ms(System.nanoTime() - t0);

            Live back = customer(REPLICA, chat);
            back.send("type", "resume", "lastSeq", before);
            back.await("resync", f -> id.equals(f.path("caseId").asText()), seconds(15));
            back.await("history", f -> true, seconds(15));
            Ws.sleep(500); // anything a partial replay would send arrives by now
            List<Long> replayed = messageFrameSeqs(back, id);
            assertTrue(
                    replayed.stream().noneMatch(s -> s <= last),
                    "no partial replay after resync: " + replayed);

            // The widget's reload: REST with the customer token, after the last seq held.
            List<JsonNode> reloaded = Crowd.customerStored(id, chat.customerToken(), before);
            merge(transcript, reloaded);
            merge(transcript, back.messages(id));
            assertComplete(transcript, storedUpTo(id, last));

            // Live delivery continues after the reload, once.
            pump(id, "after", 1, owner);
            back.await(
                    "message",
                    f -> f.path("message").path("seq").asLong() == last + 1,
                    seconds(15));
            merge(transcript, back.messages(id));
            assertComplete(transcript, storedUpTo(id, last + 1));
            List<Long> live = messageFrameSeqs(back, id);
            assertEquals(live.stream().distinct().toList(), live, "no seq twice on the socket");
            back.close();
            System.out.printf(
                    "LongDisconnectIT customer: away for %d messages (window %d, %d ms),"
                            + " resync, REST reload of %d messages, transcript 1..%d complete%n",
                    gap, WINDOW, awayMs, reloaded.size(), last + 1);
        }
    }

    @Test
    void anAgentAwayTooLongGetsResyncAndReopensTheCase() {
        Platform.Chat chat = claimedChat("bob", "Absent");
        String id = chat.caseId();
        Map<Long, JsonNode> transcript = new TreeMap<>();
        try (Live c1 = customer(Platform.GATEWAY, chat);
                Live c2 = customer(Platform.GATEWAY, chat)) {
            c1.await("history", f -> true, seconds(15));
            c2.await("history", f -> true, seconds(15));
            Live first = agent(REPLICA, "bob");
            first.await("tiles", f -> true, seconds(15));
            first.send("type", "open", "caseId", id);
            first.await("history", f -> id.equals(f.path("caseId").asText()), seconds(15));
            pump(id, "before", 4, first, c1);
            long before = lastSeq(storedUpTo(id, 5));
            Crowd.waitFor(
                    "the console has seq " + before,
                    seconds(15),
                    () -> lastSeq(first.messages(id)) >= before);
            merge(transcript, first.messages(id));
            first.close();

            int gap = gap();
            pump(id, "away", gap, c1, c2);
            long last = lastSeq(storedUpTo(id, before + gap));

            Live back = agent(REPLICA, "bob");
            back.await("tiles", f -> true, seconds(15));
            back.send("type", "resume", "cases", Map.of(id, before));
            back.await("resync", f -> id.equals(f.path("caseId").asText()), seconds(15));
            Ws.sleep(500);
            assertEquals(List.of(), messageFrameSeqs(back, id), "no partial replay after resync");

            // The console's reload: open (history, the last 200) and REST pages beyond it.
            back.send("type", "open", "caseId", id);
            JsonNode history =
                    back.await("history", f -> id.equals(f.path("caseId").asText()), seconds(15))
                            .json();
            List<JsonNode> page = new ArrayList<>();
            history.path("messages").forEach(page::add);
            merge(transcript, page);
            long oldest = page.isEmpty() ? last + 1 : page.get(0).path("seq").asLong();
            if (oldest > before + 1) {
                merge(transcript, Crowd.stored(id, Tokens.of("bob")));
            }
            merge(transcript, back.messages(id));
            assertComplete(transcript, storedUpTo(id, last));

            pump(id, "after", 1, c1);
            back.await(
                    "message",
                    f -> f.path("message").path("seq").asLong() == last + 1,
                    seconds(15));
            merge(transcript, back.messages(id));
            assertComplete(transcript, storedUpTo(id, last + 1));
            back.close();
            System.out.printf(
                    "LongDisconnectIT agent: away for %d messages (window %d), resync, open"
                            + " history of %d, transcript 1..%d complete%n",
                    gap, WINDOW, page.size(), last + 1);
        }
    }

    @Test
    void aResumeWithinTheWindowReplaysExactlyWhatWasMissed() {
        Platform.Chat chat = claimedChat("carol", "Brief");
        String id = chat.caseId();
        int missed = WINDOW / 2;
        try (Live c1 = customer(Platform.GATEWAY, chat)) {
            c1.await("history", f -> true, seconds(15));
            // The agent: away for less than the window, resume replays exactly the gap.
            Live first = agent(REPLICA, "carol");
            first.await("tiles", f -> true, seconds(15));
            first.send("type", "open", "caseId", id);
            first.await("history", f -> id.equals(f.path("caseId").asText()), seconds(15));
            pump(id, "before", 2, first, c1);
            long before = lastSeq(storedUpTo(id, 3));
            Crowd.waitFor(
                    "console seq " + before,
                    seconds(15),
                    () -> lastSeq(first.messages(id)) >= before);
            first.close();
            pump(id, "brief", missed, c1);
            long last = lastSeq(storedUpTo(id, before + missed));
            Live back = agent(REPLICA, "carol");
            back.await("tiles", f -> true, seconds(15));
            back.send("type", "resume", "cases", Map.of(id, before));
            Crowd.waitFor(
                    "replay up to " + last,
                    seconds(15),
                    () -> messageFrameSeqs(back, id).contains(last));
            Ws.sleep(300);
            List<Long> want = new ArrayList<>();
            for (long s = before + 1; s <= last; s++) {
                want.add(s);
            }
            assertEquals(want, messageFrameSeqs(back, id), "agent replay: exactly the gap");
            assertTrue(back.all("resync").isEmpty());
            back.close();

            // The customer: away, back on the replica with resume; the open's history and the
            // replay together hold the gap, each seq at most once per frame kind, no resync.
            Live cFirst = customer(REPLICA, chat);
            cFirst.await("history", f -> true, seconds(15));
            long cBefore = lastSeq(cFirst.messages(id));
            cFirst.close();
            try (Live owner = agent(Platform.GATEWAY, "carol")) {
                owner.await("tiles", f -> true, seconds(15));
                pump(id, "reply", missed, owner);
            }
            long cLast = lastSeq(storedUpTo(id, cBefore + missed));
            Live cBack = customer(REPLICA, chat);
            cBack.send("type", "resume", "lastSeq", cBefore);
            Crowd.waitFor(
                    "customer has seq " + cLast,
                    seconds(15),
                    () -> lastSeq(cBack.messages(id)) >= cLast);
            Ws.sleep(300);
            List<Long> replayed = messageFrameSeqs(cBack, id);
            assertEquals(replayed.stream().distinct().sorted().toList(), replayed);
            assertTrue(replayed.stream().allMatch(s -> s > cBefore && s <= cLast), "" + replayed);
            Map<Long, JsonNode> transcript = new TreeMap<>();
            merge(transcript, cFirst.messages(id));
            merge(transcript, cBack.messages(id));
            assertComplete(transcript, storedUpTo(id, cLast));
            assertTrue(cBack.all("resync").isEmpty());
            cBack.close();
            System.out.printf(
                    "LongDisconnectIT within window: agent missed %d, replayed exactly %s;"
                            + " customer missed %d, replayed %d as messages (rest in history)%n",
                    missed, want.size(), missed, replayed.size());
        }
    }

    static Duration seconds(int s) {
        return Duration.ofSeconds(s);
    }
}
