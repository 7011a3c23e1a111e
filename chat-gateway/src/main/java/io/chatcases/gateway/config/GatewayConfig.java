package io.chatcases.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The gateway's own settings (prefix {@code gateway}). */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** Customer tokens: signed by this gateway, scoped to one Case. */
    CustomerTokens customerToken();

    /** Origins allowed to open the customer socket (the sites embedding the widget). */
    @WithDefault("http://localhost:8080,http://127.0.0.1:8080")
    List<String> allowedOrigins();

    /** Largest client frame in bytes; a larger one closes the socket with 1009. */
    @WithDefault("65536")
    int maxFrameBytes();

    /** Longest text message, in characters (case-service enforces the same limit). */
    @WithDefault("4000")
    int maxTextLength();

    /** Per-connection send limits. */
    Rate rate();

    /**
     * Characters of frames waiting to be written to one socket before it counts as a slow reader
     * (closed 1013). Bounds the memory one reader can hold; a healthy reader's burst (a 500-message
     * history) stays well below it.
     */
    @WithDefault("4194304")
    long maxPendingChars();

    /** A resume or gap fill longer than this sends {@code resync} instead of replaying. */
    @WithDefault("500")
    int maxReplay();

    /** Chat starts allowed per client address per minute, across all replicas. */
    @WithDefault("20")
    int chatStartsPerMinute();

    /** Abuse limits shared by all replicas (limits/SharedLimits) and the client address rule. */
    Limits limits();

    /** What the console needs to sign in. */
    Console console();

    /** ICE servers (STUN/TURN) handed to both sides of a call. */
    Calls calls();

    /** Call settings: docs/operations.md, "Calls: STUN and TURN". */
    interface Calls {
        /**
         * STUN/TURN servers every caller gets as they are, a JSON array of RTCIceServer objects (no
         * secrets here: {@code GET /api/config} serves this list publicly). None by default: on one
         * machine or one network, host candidates connect.
         */
        @WithDefault("[]")
        String iceServers();

        /** A TURN server with ephemeral credentials (TURN REST API). */
        Turn turn();
    }

    /** TURN with credentials derived from a secret shared with the TURN server. */
    interface Turn {
        /** TURN urls (turn:host:3478?transport=udp, turns:host:5349); none: no TURN entry. */
        Optional<List<String>> urls();

        /**
         * The TURN server's shared secret (coturn {@code static-auth-secret}), from a Secret in
         * production. The urls are handed out only with credentials made from it.
         */
        Optional<String> secret();

        /** How long handed-out credentials stay valid; longer than the longest call. */
        @WithDefault("P1D")
        Duration ttl();
    }

    /** Where the public REST paths go. */
    Upstreams upstreams();

    /** Identity tokens signed by host sites (proof of a customer's email at chat start). */
    Identity identity();

    /** Host-site identity settings, one secret per channel. */
    interface Identity {
        /** Web Connect (the widget): secret shared with the host site's backend. */
        ChannelSecret webConnect();

        /** Support SDK apps: secret shared with the app's backend. */
        ChannelSecret supportSdk();

        /**
         * Longest lifetime (exp - iat) an identity token may have. Identity tokens are signed per
         * page view or app start; a longer one is refused, so a leaked token is soon useless.
         */
        @WithDefault("PT10M")
        Duration maxLifetime();

        /** The local demo's signing endpoint (never in production). */
        DemoSigner demoSigner();
    }

    /** A channel's identity secret. */
    interface ChannelSecret {
        /**
         * HMAC-SHA256 key, at least 32 bytes, from a secret (environment) in production. Absent:
         * the channel accepts no identity tokens (every start is "email not verified").
         */
        Optional<String> secret();
    }

    /** The demo page's "signed-in shopper": signs identity tokens like a host backend would. */
    interface DemoSigner {
        /**
         * Off by default; deploy/local/up.sh turns it on. Even when on, it only signs while the Web
         * Connect secret is a local default (starts with {@code local-only-}), so a production
         * deployment with a real secret cannot expose a signer by a stray flag.
         */
        @WithDefault("false")
        boolean enabled();
    }

    /** Customer token settings. */
    interface CustomerTokens {
        /** HMAC-SHA256 key, at least 32 bytes; from a secret in production. */
        String secret();

        /** How long a customer token stays valid (the widget keeps it for reloads). */
        @WithDefault("P1D")
        Duration ttl();
    }

    /** Rate limits. */
    interface Rate {
        /** Sustained frames per second per connection. */
        @WithDefault("5")
        double perSecond();

        /** Burst allowance. */
        @WithDefault("20")
        int burst();

        /** Refused frames after which the connection is closed (1008). */
        @WithDefault("50")
        int abuseLimit();
    }

    /** Limits that hold across replicas and behind a load balancer; see docs/security.md. */
    interface Limits {
        /**
         * Proxies (CIDR blocks such as 10.0.0.0/8, or single addresses) whose X-Forwarded-For is
         * believed; none by default, so the direct peer is the client.
         */
        Optional<List<String>> trustedProxies();

        /** Largest {@code POST /api/chats} body in bytes, refused (413) before it is read. */
        @WithDefault("4096")
        int startBodyBytes();

        /** Open customer sockets per Case (tabs and devices of one customer). */
        @WithDefault("5")
        int socketsPerCustomer();

        /** Open agent sockets per agent (console tabs). */
        @WithDefault("10")
        int socketsPerAgent();

        /** Open customer sockets per client address. */
        @WithDefault("100")
        int socketsPerAddress();

        /**
         * How long a socket's lease lives without renewal: a killed replica's sockets stop counting
         * after this. The holder renews every {@code gateway.limits.renew-every} (20 s).
         */
        @WithDefault("60s")
        Duration leaseTtl();

        /**
         * How often a replica renews its leases, and so learns that a newer socket evicted one of
         * its sockets (closed then with 1008). Read by the scheduler; keep it under a third of the
         * TTL.
         */
        @WithDefault("20s")
        Duration renewEvery();

        /** Most Cases one agent {@code resume} frame may name (TOO_LARGE beyond). */
        @WithDefault("50")
        int maxResumeCases();
    }

    /** Agent presence across replicas (presence/Presence). */
    Presence presence();

    /** How replicas share which agents are connected, and how soon a gone agent is OFFLINE. */
    interface Presence {
        /** How often a replica announces its agents on chat.signals (and at once on a change). */
        @WithDefault("5s")
        Duration announceEvery();

        /**
         * How long an agent whose last socket closed is still announced with its status: a reload
         * or a reconnect within it does not show the agent offline.
         */
        @WithDefault("10s")
        Duration grace();

        /**
         * How long a replica's announcement counts after it was received: a killed replica's agents
         * go OFFLINE after it. Keep it at least twice {@code announce-every}.
         */
        @WithDefault("15s")
        Duration ttl();
    }

    /** Console bootstrap values served by GET /api/config. */
    interface Console {
        @WithDefault("http://localhost:8180")
        String keycloakUrl();

        @WithDefault("cx")
        String realm();

        @WithDefault("cx-console")
        String clientId();
    }

    /** Base URLs of the services behind the gateway. */
    interface Upstreams {
        @WithDefault("http://localhost:8081")
        String caseService();

        @WithDefault("http://localhost:8082")
        String contactService();

        @WithDefault("http://localhost:8083")
        String fileService();
    }
}
