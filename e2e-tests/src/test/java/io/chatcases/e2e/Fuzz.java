package io.chatcases.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Hostile-input generators, counters and a raw WebSocket client for {@link HostileInputIT}. */
final class Fuzz {
    /** Error codes of docs/protocol.md ("Errors and close codes"). */
    static final Set<String> ERROR_CODES =
            Set.of(
                    "BAD_FRAME",
                    "TOO_LARGE",
                    "RATE_LIMITED",
                    "FORBIDDEN",
                    "NOT_FOUND",
                    "ALREADY_CLAIMED",
                    "CONFLICT",
                    "CASE_CLOSED",
                    "UNAVAILABLE");

    /** Close codes the gateway may use on a hostile socket (1001 is only for shutdowns). */
    static final Set<Integer> CLOSE_CODES = Set.of(1008, 1009);

    private Fuzz() {}

    /** Thread-safe named counters, printed sorted. */
    static final class Counts {
        final Map<String, AtomicLong> map = new ConcurrentHashMap<>();

        void add(String key) {
            map.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        }

        long get(String key) {
            AtomicLong v = map.get(key);
            return v == null ? 0 : v.get();
        }

        long total() {
            return map.values().stream().mapToLong(AtomicLong::get).sum();
        }

        @Override
        public String toString() {
            Map<String, Long> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(k, v.get()));
            return sorted.toString();
        }
    }

    // ---------------------------------------------------------------- values

    /** Strings that have broken parsers, renderers and databases. */
    static final String[] ODD_STRINGS = {
        "",
        " ",
        "\t\n",
        "null",
        "undefined",
        "\u0000",
        "a\u0000b",
        "\u001b[31mred",
        "\u007f\u0085",
        "\u202eevil\u202c",
        "\u2066iso\u2069",
        "\u200e\u200f\u061c",
        "\ufeffbom",
        "\u200b\u200c\u200d",
        "\uffff\ufffe",
        "\ud83d\ude00 emoji",
        "e\u0301\u0301\u0301\u0301",
        "\udbff\udfff",
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "../../../../etc/passwd",
        "%00%2e%2e%2f",
        "${jndi:ldap://x/a}",
        "{{7*7}}",
        "\\u0000",
        "x".repeat(65),
        "y".repeat(4001),
    };

    /** Placeholder replaced, after serialising, by a JSON-escaped lone surrogate. */
    static final String LONE_HIGH = "@@LONE-HIGH@@";

    static final String LONE_LOW = "@@LONE-LOW@@";

    static String finish(String json) {
        return json.replace(LONE_HIGH, "\\ud800").replace(LONE_LOW, "\\udc00");
    }

    /** A value of a random JSON kind, often of the wrong type. */
    static JsonNode oddValue(Random r, String victimCaseId) {
        var f = Ws.JSON.getNodeFactory();
        return switch (r.nextInt(22)) {
            case 0 -> f.numberNode(r.nextInt());
            case 1 -> f.numberNode(-1L - r.nextInt(1000));
            case 2 -> f.numberNode(Long.MAX_VALUE);
            case 3 -> f.numberNode(new BigInteger("9".repeat(40)));
            case 4 -> f.numberNode(1e308 * (r.nextBoolean() ? 10 : 1));
            case 5 -> f.numberNode(r.nextDouble());
            case 6 -> f.arrayNode().add("a").add(1);
            case 7 -> f.objectNode().put("$gt", "");
            case 8 -> f.nullNode();
            case 9 -> f.booleanNode(r.nextBoolean());
            case 10 -> f.textNode(victimCaseId);
            case 11 -> f.textNode(UUID.randomUUID().toString());
            case 12 -> f.textNode(LONE_HIGH + "x");
            case 13 -> f.textNode("x" + LONE_LOW);
            case 14 -> f.arrayNode();
            case 15 -> f.objectNode();
            case 16 -> f.textNode(UUID.randomUUID().toString().toUpperCase());
            case 17 -> f.textNode("00000000-0000-0000-0000-000000000000");
            default -> f.textNode(ODD_STRINGS[r.nextInt(ODD_STRINGS.length)]);
        };
    }

    // ---------------------------------------------------------------- frames

    /** The valid frames a customer socket knows. */
    static ObjectNode customerFrame(Random r, String ownCaseId) {
        ObjectNode n = Ws.JSON.createObjectNode();
        String callId = "fzcall" + r.nextInt(1000);
        switch (r.nextInt(8)) {
            case 0, 1 -> n.put("type", "send").put("clientMsgId", id(r)).put("text", "fuzz text");
            case 2 -> n.put("type", "send").put("clientMsgId", id(r)).put("fileId", uuid());
            case 3 -> n.put("type", "resume").put("lastSeq", r.nextInt(5));
            case 4 -> n.put("type", "typing");
            case 5 -> n.put("type", "call.answer").put("callId", callId).put("sdp", "v=0");
            case 6 -> n.put("type", "call.ice").put("callId", callId).put("candidate", "c");
            default -> n.put("type", "call.end").put("callId", callId);
        }
        if (r.nextInt(4) == 0) {
            n.put("caseId", ownCaseId);
        }
        return n;
    }

    /** The valid frames an agent socket knows, about {@code caseId}. */
    static ObjectNode agentFrame(Random r, String caseId, String token) {
        ObjectNode n = Ws.JSON.createObjectNode();
        String callId = "fzcall" + r.nextInt(1000);
        switch (r.nextInt(13)) {
            case 0 -> n.put("type", "open").put("caseId", caseId);
            case 1 -> n.put("type", "close").put("caseId", caseId);
            case 2 -> n.put("type", "claim").put("caseId", caseId).put("requestId", id(r));
            case 3, 4 ->
                    n.put("type", "send")
                            .put("caseId", caseId)
                            .put("clientMsgId", id(r))
                            .put("text", "fuzz reply");
            case 5 -> n.put("type", "read").put("caseId", caseId).put("seq", r.nextInt(5));
            case 6 -> n.put("type", "resolve").put("caseId", caseId).put("requestId", id(r));
            case 7 -> {
                n.put("type", "resume");
                n.putObject("cases").put(caseId, r.nextInt(3));
            }
            case 8 -> n.put("type", "auth").put("token", token);
            case 9 ->
                    n.put("type", "call.offer")
                            .put("caseId", caseId)
                            .put("callId", callId)
                            .put("sdp", "v=0")
                            .put("media", r.nextBoolean() ? "video" : "audio");
            case 10 ->
                    n.put("type", "call.ice")
                            .put("caseId", caseId)
                            .put("callId", callId)
                            .put("candidate", "c");
            case 11 -> n.put("type", "call.end").put("caseId", caseId).put("callId", callId);
            default -> n.put("type", "typing");
        }
        return n;
    }

    static String id(Random r) {
        return "fz" + Long.toHexString(r.nextLong() & Long.MAX_VALUE);
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }

    /** A mutation: the kind (for the summary) and the frame text. */
    record Mutant(String kind, String text) {}

    /** Applies one to three mutations to {@code base}; the kind names the first. */
    static Mutant mutate(Random r, ObjectNode base, String victimCaseId) {
        String kind = null;
        ObjectNode n = base.deepCopy();
        String suffix = "";
        int rounds = 1 + r.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            List<String> names = new ArrayList<>();
            n.fieldNames().forEachRemaining(names::add);
            String k;
            switch (r.nextInt(9)) {
                case 0 -> {
                    k = "drop-field";
                    if (!names.isEmpty()) {
                        n.remove(names.get(r.nextInt(names.size())));
                    }
                }
                case 1, 2, 3 -> {
                    k = "wrong-type";
                    if (!names.isEmpty()) {
                        n.set(names.get(r.nextInt(names.size())), oddValue(r, victimCaseId));
                    }
                }
                case 4 -> {
                    k = "extra-field";
                    String[] extra = {"__proto__", "constructor", "caseId", "seq", "owner", "x"};
                    n.set(extra[r.nextInt(extra.length)], oddValue(r, victimCaseId));
                }
                case 5 -> {
                    k = "duplicate-key";
                    String name = names.isEmpty() ? "type" : names.get(r.nextInt(names.size()));
                    suffix += ",\"" + name + "\":" + oddValue(r, victimCaseId);
                }
                case 6 -> {
                    k = "unknown-type";
                    String[] types = {
                        "teleport",
                        "SEND",
                        " send",
                        "send\u0000",
                        "message",
                        "accepted",
                        "error",
                        "history",
                        "hello",
                        "tiles",
                        "case",
                        "",
                        "call.offer",
                        "call.answer",
                        "auth",
                        "claim",
                        "__proto__"
                    };
                    n.put("type", types[r.nextInt(types.length)]);
                }
                case 7 -> {
                    k = "odd-text";
                    n.put(
                            names.contains("text") ? "text" : "type",
                            ODD_STRINGS[r.nextInt(ODD_STRINGS.length)]
                                    + (r.nextBoolean() ? LONE_HIGH : ""));
                }
                default -> {
                    k = "victim-case";
                    n.put("caseId", victimCaseId);
                }
            }
            if (kind == null) {
                kind = k;
            }
        }
        String json = n.toString();
        if (!suffix.isEmpty() && json.endsWith("}")) {
            json =
                    json.substring(0, json.length() - 1)
                            + (n.isEmpty() ? suffix.substring(1) : suffix)
                            + "}";
        }
        return new Mutant(kind, finish(json));
    }

    /** Texts that are not a frame at all: each must get BAD_FRAME. */
    static String garbage(Random r) {
        return switch (r.nextInt(16)) {
            case 0 -> "";
            case 1 -> " ";
            case 2 -> "null";
            case 3 -> "[]";
            case 4 -> "12345";
            case 5 -> "\"send\"";
            case 6 -> "{}";
            case 7 -> "{\"type\":null}";
            case 8 -> "{\"type\":42}";
            case 9 -> "{\"type\":[\"send\"]}";
            case 10 -> "{\"type\":\"send\"";
            case 11 -> "/* c */ {\"type\":\"typing\"}";
            case 12 -> "{'type':'typing'}";
            case 13 -> "{\"type\":\"send\",\"text\":\"\\u12\"}";
            case 14 -> {
                byte[] b = new byte[1 + r.nextInt(200)];
                r.nextBytes(b);
                yield "\u0000" + new String(b, StandardCharsets.ISO_8859_1);
            }
            default -> {
                StringBuilder s = new StringBuilder();
                int len = 1 + r.nextInt(300);
                for (int i = 0; i < len; i++) {
                    s.append((char) (0x21 + r.nextInt(0x5d)));
                }
                yield s.toString().replace("{", "(");
            }
        };
    }

    /** Deeply nested JSON below the 64 KiB frame limit: parsers must give up, not overflow. */
    static String deep(Random r) {
        int depth = 20_000 + r.nextInt(10_000);
        return switch (r.nextInt(3)) {
            case 0 -> "[".repeat(depth);
            case 1 -> "{\"type\":\"send\",\"text\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
            default -> "{\"a\":".repeat(depth / 5) + "1" + "}".repeat(depth / 5);
        };
    }

    // ---------------------------------------------------------------- tokens

    static String b64(String s) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A token with the payload's {@code sub} replaced and the original signature kept. */
    static String tamper(String jwt, String field, String value) {
        String[] parts = jwt.split("\\.");
        try {
            ObjectNode payload =
                    (ObjectNode) Ws.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            payload.put(field, value);
            return parts[0] + "." + b64(payload.toString()) + "." + parts[2];
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token ({@code alg: none}) claiming {@code sub}, copied from {@code jwt}. */
    static String algNone(String jwt, String sub) {
        String tampered = sub == null ? jwt : tamper(jwt, "sub", sub);
        String[] parts = tampered.split("\\.");
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
    }

    /** Bearer values that are not tokens at all. */
    static List<String> garbageBearers(Random r) {
        byte[] b = new byte[64];
        r.nextBytes(b);
        return List.of(
                "x",
                "null",
                "Bearer",
                "a.b.c",
                "..",
                "eyJhbGciOiJIUzI1NiJ9..",
                Base64.getEncoder().encodeToString(b),
                "\u00e9\u00e8.\u202e.x",
                "z".repeat(3000));
    }

    static Iterator<String> names(JsonNode n) {
        return n.fieldNames();
    }
}
