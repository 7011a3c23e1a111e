package io.chatcases.gateway.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chatcases.events.CaseStatus;
import io.chatcases.events.CaseView;
import io.chatcases.events.Channel;
import io.chatcases.events.ErrorCode;
import io.chatcases.gateway.presence.PresenceStatus;
import io.chatcases.gateway.protocol.CallSignal;
import io.chatcases.gateway.protocol.ClientFrame;
import io.chatcases.gateway.protocol.Frames;
import io.chatcases.gateway.routing.Audience;
import io.chatcases.gateway.routing.Audience.Kind;
import io.chatcases.gateway.routing.Audience.Listener;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each socket may send, about which Case, and who may call: tables. */
class SocketPolicyTest {
    static final UUID CASE = UUID.randomUUID();
    static final UUID OTHER = UUID.randomUUID();
    static final Listener CUSTOMER = Listener.customer("c", CASE);
    static final Listener OWNER = Listener.agent("a", "alice");
    static final Listener COLLEAGUE = Listener.agent("b", "bob");

    static final Map<String, ClientFrame> FRAMES =
            Map.ofEntries(
                    Map.entry("send", new ClientFrame.Send(CASE, "m", "hi", null)),
                    Map.entry("note", new ClientFrame.Note(CASE, "m", "private")),
                    Map.entry("resume", new ClientFrame.Resume(null, 0L, null)),
                    Map.entry("typing", new ClientFrame.Typing(null)),
                    Map.entry("open", new ClientFrame.Open(CASE)),
                    Map.entry("close", new ClientFrame.Close(CASE)),
                    Map.entry("claim", new ClientFrame.Claim(CASE, "r")),
                    Map.entry("resolve", new ClientFrame.Resolve(CASE, "r")),
                    Map.entry("read", new ClientFrame.Read(CASE, 1L)),
                    Map.entry("auth", new ClientFrame.Auth("t")),
                    Map.entry("presence", new ClientFrame.Presence(PresenceStatus.AWAY)),
                    Map.entry("call.offer", new CallSignal.Offer(CASE, "c", "s", "audio")),
                    Map.entry("call.answer", new CallSignal.Answer(CASE, "c", "s")),
                    Map.entry("call.ice", new CallSignal.Ice(CASE, "c", null)),
                    Map.entry("call.end", new CallSignal.End(CASE, "c")));

    @ParameterizedTest(name = "{0}: customer {1}, agent {2}")
    @CsvSource({
        "send,        true,  true",
        "note,        false, true",
        "resume,      true,  true",
        "typing,      true,  true",
        "open,        false, true",
        "close,       false, true",
        "claim,       false, true",
        "resolve,     false, true",
        "read,        false, true",
        "auth,        false, true",
        "presence,    false, true",
        "call.offer,  false, true",
        "call.answer, true,  false",
        "call.ice,    true,  true",
        "call.end,    true,  true",
    })
    void whichSocketMaySendWhichFrame(String type, boolean customer, boolean agent) {
        assertEquals(customer, SocketPolicy.accepts(Kind.CUSTOMER, FRAMES.get(type)));
        assertEquals(agent, SocketPolicy.accepts(Kind.AGENT, FRAMES.get(type)));
    }

    @Test
    void aCustomerActsOnItsTokensCaseOnly() {
        assertEquals(CASE, SocketPolicy.caseOf(CUSTOMER, new ClientFrame.Typing(null)));
        assertEquals(CASE, SocketPolicy.caseOf(CUSTOMER, new CallSignal.End(null, "c")));
        for (ClientFrame naming :
                new ClientFrame[] {
                    new CallSignal.End(OTHER, "c"),
                    new ClientFrame.Typing(OTHER),
                    new ClientFrame.Resume(OTHER, 0L, null),
                    new ClientFrame.Send(OTHER, "m", "hi", null)
                }) {
            Refused refused =
                    assertThrows(Refused.class, () -> SocketPolicy.caseOf(CUSTOMER, naming));
            assertEquals(ErrorCode.FORBIDDEN, refused.code());
        }
    }

    @Test
    void anAgentsFrameNamesItsCase() {
        assertEquals(OTHER, SocketPolicy.caseOf(OWNER, new CallSignal.End(OTHER, "c")));
        assertThrows(
                Frames.BadFrame.class,
                () -> SocketPolicy.caseOf(OWNER, new ClientFrame.Send(null, "m", "hi", null)));
    }

    static CaseView view(String owner, CaseStatus status, Channel channel) {
        return new CaseView(
                CASE,
                1,
                channel,
                status,
                owner == null ? null : new CaseView.Person(owner, "A", "B"),
                null,
                null,
                0,
                true);
    }

    /** ARCHITECTURE.md flow 8, on both sides. */
    @ParameterizedTest(name = "{0} on a {2} {3} Case owned by {1}: {4}")
    @CsvSource({
        "owner,     alice, READY,    SUPPORT_SDK, true",
        "customer,  alice, READY,    SUPPORT_SDK, true",
        "colleague, alice, READY,    SUPPORT_SDK, false",
        "owner,     alice, READY,    WEB_CONNECT, false",
        "customer,  alice, READY,    WEB_CONNECT, false",
        "owner,     alice, RESOLVED, SUPPORT_SDK, false",
        "customer,  alice, RESOLVED, SUPPORT_SDK, false",
        "customer,  alice, CLOSED,   SUPPORT_SDK, false",
        "customer,  ,      NEW,      SUPPORT_SDK, false",
        "owner,     ,      NEW,      SUPPORT_SDK, false",
    })
    void aCallOnlyOnAnOwnedReadySupportSdkCaseBetweenItsCustomerAndItsOwner(
            String who, String owner, CaseStatus status, Channel channel, boolean allowed) {
        Audience.Listener socket =
                switch (who) {
                    case "owner" -> OWNER;
                    case "colleague" -> COLLEAGUE;
                    default -> CUSTOMER;
                };
        CaseView view = view(owner, status, channel);
        if (allowed) {
            SocketPolicy.checkCall(socket, view);
        } else {
            assertEquals(
                    ErrorCode.FORBIDDEN,
                    assertThrows(Refused.class, () -> SocketPolicy.checkCall(socket, view)).code());
        }
    }

    @Test
    void aCustomerOfAnotherCaseIsNoParty() {
        assertThrows(
                Refused.class,
                () ->
                        SocketPolicy.checkCall(
                                Listener.customer("x", OTHER),
                                view("alice", CaseStatus.READY, Channel.SUPPORT_SDK)));
    }

    /** RULE: typing-owner, as a table. */
    @ParameterizedTest(name = "{0} typing in a {2} Case owned by {1}: {3}")
    @CsvSource({
        "alice, alice, READY,    true",
        "alice, alice, RESOLVED, true",
        "alice, alice, CLOSED,   false",
        "bob,   alice, READY,    false",
        "alice, ,      NEW,      false",
    })
    void onlyTheOwnerOfANotClosedCaseShowsTyping(
            String agent, String owner, CaseStatus status, boolean allowed) {
        assertEquals(
                allowed, SocketPolicy.mayType(agent, view(owner, status, Channel.WEB_CONNECT)));
    }
}
