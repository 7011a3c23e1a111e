package io.chatcases.gateway.endpoint;

import io.chatcases.events.CaseEvent;
import io.chatcases.events.CaseView;
import io.chatcases.events.EventType;
import io.chatcases.events.MessageView;
import io.chatcases.gateway.client.AgentCaseApi;
import io.chatcases.gateway.client.GatewayCaseApi;
import io.chatcases.gateway.config.GatewayConfig;
import io.chatcases.gateway.protocol.CallSignal;
import io.chatcases.gateway.protocol.Frames;
import io.chatcases.gateway.protocol.ServerFrame;
import io.chatcases.gateway.routing.Audience;
import io.chatcases.gateway.routing.TypingSignal;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The sockets this replica holds, and delivery to them: each case event goes to the sockets the
 * {@link Audience} picks; messages go through each socket's per-Case stream (in order, once).
 */
@ApplicationScoped
public class Sessions {
    private static final Logger LOG = Logger.getLogger(Sessions.class);

    private final Map<String, Session> byId = new ConcurrentHashMap<>();

    /** Who may receive a Case's events, without a scan of every socket. */
    private final SocketIndex<Session> index = new SocketIndex<>();

    @Inject GatewayConfig config;
    @Inject MeterRegistry metrics;
    @RestClient AgentCaseApi agentCases;
    @RestClient GatewayCaseApi gatewayCases;
    @Inject Calls calls;

    private io.micrometer.core.instrument.Counter framesToCustomers;
    private io.micrometer.core.instrument.Counter framesToAgents;
    private io.micrometer.core.instrument.Counter gapsFilled;
    private io.micrometer.core.instrument.Timer deliveryLag;

    void registerGauges(@Observes io.quarkus.runtime.StartupEvent start) {
        // Looked up once: a tagged lookup per delivery costs more than the delivery.
        framesToCustomers = metrics.counter("chat.frames.out", "kind", "customer");
        framesToAgents = metrics.counter("chat.frames.out", "kind", "agent");
        gapsFilled = metrics.counter("chat.gaps.filled");
        deliveryLag = metrics.timer("chat.delivery.lag");
        for (Audience.Kind kind : Audience.Kind.values()) {
            metrics.gauge(
                    "chat.sockets.open",
                    List.of(
                            io.micrometer.core.instrument.Tag.of(
                                    "kind", kind.name().toLowerCase())),
                    byId,
                    m -> m.values().stream().filter(s -> s.listener.kind() == kind).count());
        }
    }

    Session open(WebSocketConnection connection, Audience.Listener listener) {
        Session s =
                new Session(
                        connection,
                        listener,
                        new RateLimiter(config.rate().perSecond(), config.rate().burst()),
                        config.maxPendingChars());
        byId.put(connection.id(), s);
        index.add(s, listener);
        return s;
    }

    Session get(WebSocketConnection connection) {
        return byId.get(connection.id());
    }

    void closed(WebSocketConnection connection) {
        Session s = byId.remove(connection.id());
        if (s != null) {
            index.remove(s, s.listener);
        }
    }

    /** This replica's agent sockets. */
    public Collection<Session> agents() {
        return index.agents();
    }

    /**
     * The sockets that may receive an event: its Case's customers and every agent; a refused send
     * goes by connection id alone.
     */
    private Iterable<Session> candidates(Audience.Event routing) {
        if (routing.type() == EventType.MESSAGE_REJECTED) {
            Session s =
                    routing.rejectionConnectionId() == null
                            ? null
                            : byId.get(routing.rejectionConnectionId());
            return s == null ? List.of() : List.of(s);
        }
        return index.caseAudience(routing.caseId());
    }

    /**
     * Delivers one event from chat.case-events to the local sockets that must see it. The frame is
     * written once per event and the same text goes to every recipient (an unclaimed Case's message
     * reaches every agent console of the replica).
     */
    public void deliver(EventType type, CaseEvent event, Instant eventTime) {
        Audience.Event routing = Audience.Event.of(type, event);
        OneFrame frame = new OneFrame(type, event);
        for (Session s : candidates(routing)) {
            if (Audience.receives(routing, s.listener)) {
                try {
                    deliverTo(s, type, routing.caseId(), event, frame);
                } catch (RuntimeException e) {
                    // One socket's trouble (closing, broken) never keeps the event from the others.
                    LOG.debugf("delivery to %s failed: %s", s.id(), e);
                }
            } else if (routing.note()
                    && s.listener.kind() == Audience.Kind.CUSTOMER
                    && routing.caseId().equals(s.listener.caseId())) {
                // The customer never gets the note, but its seq is no gap to fill from
                // case-service when the next message comes.
                s.stream(routing.caseId()).passOver(event.message().seq());
            }
        }
        if (eventTime != null) {
            deliveryLag.record(Duration.between(eventTime, Instant.now()));
        }
    }

    /** The frame an event becomes, written on first use and then shared by every recipient. */
    private static final class OneFrame {
        private final EventType type;
        private final CaseEvent event;
        private String text;

        OneFrame(EventType type, CaseEvent event) {
            this.type = type;
            this.event = event;
        }

        String text() {
            if (text == null) {
                text = Frames.encode(frameOf(type, event));
            }
            return text;
        }
    }

    /** The frame a case event becomes on the sockets that receive it. */
    static ServerFrame frameOf(EventType type, CaseEvent event) {
        return switch (type) {
            case MESSAGE_POSTED -> new ServerFrame.Message(event.message());
            case MESSAGE_REJECTED -> {
                CaseEvent.Rejection r = event.rejection();
                yield new ServerFrame.Error(r.code(), r.message(), r.clientMsgId());
            }
            case CASE_READ ->
                    new ServerFrame.ReadMoved(event.caseView().caseId(), event.read().seq());
            default -> new ServerFrame.Case(event.caseView());
        };
    }

    private static String messageFrame(MessageView message) {
        return Frames.encode(new ServerFrame.Message(message));
    }

    /**
     * A call signal to the customer of a Case ({@code agentId} null) or to that agent's sockets.
     */
    public void deliverSignal(UUID caseId, String agentId, CallSignal signal) {
        String frame = null;
        for (Session s : agentId == null ? index.customersOf(caseId) : index.agents()) {
            if (Audience.receivesSignal(caseId, agentId, s.listener)) {
                calls.delivered(s, signal);
                frame = frame == null ? Frames.encode(signal) : frame;
                s.send(frame);
            }
        }
    }

    /** A typing signal to the local sockets the Audience picks (written once, if any). */
    public void deliverTyping(TypingSignal typing) {
        String frame = null;
        for (Session s :
                typing.from() == Audience.Kind.AGENT
                        ? index.customersOf(typing.caseId())
                        : index.agents()) {
            if (Audience.receivesTyping(typing, s.listener)) {
                frame = frame == null ? Frames.encode(typing.frame()) : frame;
                s.send(frame);
            }
        }
    }

    private void deliverTo(
            Session s, EventType type, UUID caseId, CaseEvent event, OneFrame frame) {
        if (type == EventType.MESSAGE_POSTED) {
            live(s, caseId, event.message(), frame);
        } else {
            s.send(frame.text());
        }
        (s.listener.kind() == Audience.Kind.CUSTOMER ? framesToCustomers : framesToAgents)
                .increment();
    }

    private void live(Session s, UUID caseId, MessageView message, OneFrame frame) {
        Session.CaseStream stream = s.stream(caseId);
        if (stream.gapBefore(message)) {
            // A seq went missing between us and the socket (e.g. a replay raced the subscription):
            // fill the gap from case-service; the stream buffers this message meanwhile.
            catchUp(s, caseId, stream.lastSent(), false).subscribe().with(ok -> {}, e -> {});
            gapsFilled.increment();
        }
        // The live message goes out as the shared frame; one released from a replay's buffer is
        // written on its own.
        stream.live(message, m -> s.send(m == message ? frame.text() : messageFrame(m)));
    }

    /** Messages in the history frame a socket gets when it opens a Case. */
    private static final int HISTORY_WINDOW = 200;

    /**
     * The recent conversation of a Case as one history frame (the last {@value HISTORY_WINDOW}
     * messages), carrying the Case view too when {@code withCase} (agent open).
     */
    public Uni<Void> history(Session s, UUID caseId, CaseView view, boolean withCase) {
        long after = Math.max(0, view.lastSeq() - HISTORY_WINDOW);
        return catchUp(s, caseId, after, true, withCase ? view : null);
    }

    /**
     * Replays the Case's messages after {@code after}, then what arrived live meanwhile, with no
     * seq twice. {@code asHistory}: one {@code history} frame (socket open) instead of messages.
     * Too long a gap sends {@code resync} and the client reloads over REST.
     */
    public Uni<Void> catchUp(Session s, UUID caseId, long after, boolean asHistory) {
        return catchUp(s, caseId, after, asHistory, null);
    }

    /** As above; a history frame also carries {@code caseView} when given (agent open). */
    public Uni<Void> catchUp(
            Session s, UUID caseId, long after, boolean asHistory, CaseView caseView) {
        Session.CaseStream stream = s.stream(caseId);
        long from;
        if (asHistory) {
            stream.beginHistory();
            from = after;
        } else {
            from = stream.beginReplay(after);
        }
        // A history reload asks for the last HISTORY_WINDOW messages: it is not a resume, so a
        // replay window set below it (gateway.max-replay) must not turn it into a resync.
        int limit =
                (asHistory ? Math.max(config.maxReplay(), HISTORY_WINDOW) : config.maxReplay()) + 1;
        Uni<List<MessageView>> page =
                s.listener.kind() == Audience.Kind.CUSTOMER
                        ? gatewayCases.messages(caseId, from, limit)
                        : agentCases.messages(s.bearer, caseId, from, limit);
        return page.onFailure()
                .invoke(
                        e -> {
                            if (asHistory) {
                                stream.endHistory(List.of(), sent -> {});
                            } else {
                                stream.endReplay(List.of(), m -> s.send(messageFrame(m)));
                            }
                        })
                .invoke(
                        messages -> {
                            List<MessageView> list = messages;
                            if (list.size() >= limit) {
                                stream.skipTo(list.get(list.size() - 1).seq());
                                s.send(Frames.encode(new ServerFrame.Resync(caseId)));
                                list = List.of();
                            }
                            if (s.listener.kind() == Audience.Kind.CUSTOMER) {
                                list = Audience.forCustomer(list);
                            }
                            if (asHistory) {
                                stream.endHistory(
                                        list,
                                        sent ->
                                                s.send(
                                                        Frames.encode(
                                                                new ServerFrame.History(
                                                                        caseId, caseView, sent))));
                            } else {
                                stream.endReplay(list, m -> s.send(messageFrame(m)));
                            }
                        })
                .replaceWithVoid();
    }

    /**
     * Going away: clients reconnect to another replica and resume by seq. Runs when the shutdown
     * delay starts (readiness already DOWN), before Quarkus closes sockets with a plain 1000.
     */
    void shutdown(@Observes io.quarkus.runtime.ShutdownDelayInitiatedEvent event) {
        LOG.infof("closing %d sockets (1001)", byId.size());
        for (Session s : byId.values()) {
            s.close(1001, "server going away");
        }
    }
}
