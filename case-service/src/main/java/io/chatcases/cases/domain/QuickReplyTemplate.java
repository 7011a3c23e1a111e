package io.chatcases.cases.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The placeholder rules of Quick Reply bodies, shared by the save-time check and every renderer.
 * The console implements the same rules in TypeScript; {@code quick-reply-cases.json} (test
 * resources) is the table both must pass, so change the two together.
 *
 * <p>Syntax: a placeholder is {@code {{}, optional spaces (U+0020 only), a name, optional spaces,
 * {@code }}}, on one line. Single braces are plain text. Malformed: a {@code {{} that is not closed
 * by {@code }}} before the next brace or line break, an empty {@code {{ }}}, and a {@code }}} that
 * no {@code {{} opened. Positions and lengths are UTF-16 code units, as in Java and JavaScript.
 */
public final class QuickReplyTemplate {

    /** The names a body may use, in the order the console offers them. */
    public static final List<String> PLACEHOLDERS =
            List.of(
                    "contact.firstName",
                    "contact.lastName",
                    "agent.firstName",
                    "agent.lastName",
                    "case.number");

    private static final Set<String> KNOWN = Set.copyOf(PLACEHOLDERS);
    private static final String OPEN = "{{";
    private static final String CLOSE = "}}";

    /** What is wrong with a piece of a body. */
    public enum Kind {
        /** Well-formed braces around a name that is not in {@link #PLACEHOLDERS}. */
        UNKNOWN_PLACEHOLDER,
        /** Braces that do not pair up, or nothing between them. */
        MALFORMED_PLACEHOLDER
    }

    /**
     * One problem of a body.
     *
     * @param token the offending text exactly as written, e.g. {@code {{contact.firstName}}
     * @param index where the token starts in the body (UTF-16 index)
     */
    public record Issue(Kind kind, String token, int index) {
        /** A sentence for people that names the offending token. */
        public String message() {
            return switch (kind) {
                case UNKNOWN_PLACEHOLDER ->
                        "unknown placeholder "
                                + token
                                + "; allowed: "
                                + String.join(
                                        ", ",
                                        PLACEHOLDERS.stream().map(p -> "{{" + p + "}}").toList());
                case MALFORMED_PLACEHOLDER ->
                        "malformed placeholder "
                                + token
                                + "; write {{name}} with two braces on each side";
            };
        }
    }

    private QuickReplyTemplate() {}

    /**
     * The problems that keep {@code body} from being saved, in order of position; empty if none.
     */
    public static List<Issue> validate(String body) {
        List<Issue> issues = new ArrayList<>();
        for (Segment segment : parse(body)) {
            if (segment instanceof Malformed m) {
                issues.add(new Issue(Kind.MALFORMED_PLACEHOLDER, m.raw(), m.start()));
            } else if (segment instanceof Placeholder p && !KNOWN.contains(p.name())) {
                issues.add(new Issue(Kind.UNKNOWN_PLACEHOLDER, p.raw(), p.start()));
            }
        }
        return issues;
    }

    /** The names of the well-formed placeholders (known or not), each once, in order of use. */
    public static List<String> placeholders(String body) {
        Set<String> names = new LinkedHashSet<>();
        for (Segment segment : parse(body)) {
            if (segment instanceof Placeholder p) {
                names.add(p.name());
            }
        }
        return List.copyOf(names);
    }

    /**
     * RULE: quick-replies: the organisation's Quick Replies are inserted with their placeholders
     * filled for the open Case.
     *
     * <p>Fills the known placeholders from {@code values} (keyed by name, e.g.
     * "contact.firstName"), an empty string where a value is missing or null. Anything else stays
     * as written. Values are inserted as they are, never scanned for placeholders themselves.
     */
    public static String render(String body, Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (Segment segment : parse(body)) {
            if (segment instanceof Placeholder p && KNOWN.contains(p.name())) {
                String value = values == null ? null : values.get(p.name());
                out.append(value == null ? "" : value);
            } else {
                out.append(segment.raw());
            }
        }
        return out.toString();
    }

    // ------------------------------------------------------------------ scanning

    private sealed interface Segment permits Text, Placeholder, Malformed {
        int start();

        String raw();
    }

    private record Text(int start, String raw) implements Segment {}

    private record Placeholder(int start, String raw, String name) implements Segment {}

    private record Malformed(int start, String raw) implements Segment {}

    /** Splits a body into text, placeholders and malformed pieces that together spell it out. */
    private static List<Segment> parse(String body) {
        String s = body == null ? "" : body;
        List<Segment> out = new ArrayList<>();
        int textStart = 0;
        int i = 0;
        while (i < s.length()) {
            Segment found;
            if (s.startsWith(OPEN, i)) {
                found = opened(s, i);
            } else if (s.startsWith(CLOSE, i)) {
                int start = strayCloseStart(s, textStart, i);
                found = new Malformed(start, s.substring(start, i + CLOSE.length()));
            } else {
                i++;
                continue;
            }
            if (found.start() > textStart) {
                out.add(new Text(textStart, s.substring(textStart, found.start())));
            }
            out.add(found);
            i = found.start() + found.raw().length();
            textStart = i;
        }
        if (textStart < s.length()) {
            out.add(new Text(textStart, s.substring(textStart)));
        }
        return out;
    }

    /** The piece that starts with the {@code {{} at {@code open}. */
    private static Segment opened(String s, int open) {
        int j = open + OPEN.length();
        while (j < s.length() && !isBraceOrBreak(s.charAt(j))) {
            j++;
        }
        if (s.startsWith(CLOSE, j)) {
            String raw = s.substring(open, j + CLOSE.length());
            String name = stripSpaces(s.substring(open + OPEN.length(), j));
            return name.isEmpty() ? new Malformed(open, raw) : new Placeholder(open, raw, name);
        }
        // Unclosed: report the "{{" with the word after it (and a lone "}" right behind it), so
        // "{{contact.firstName} hi" names "{{contact.firstName}", not the rest of the line.
        int end = skipSpaces(s, open + OPEN.length());
        end = skipWord(s, end);
        if (end < s.length() && s.charAt(end) == '}') {
            end++;
        }
        return new Malformed(open, s.substring(open, end));
    }

    /**
     * Where a {@code }}} that nothing opened starts its token: the word before it, and a lone
     * {@code {} before that word, so "{contact.firstName}}" is reported whole. Never before {@code
     * floor}, the end of the previous piece.
     */
    private static int strayCloseStart(String s, int floor, int close) {
        int k = close;
        while (k > floor && s.charAt(k - 1) == ' ') {
            k--;
        }
        int wordEnd = k;
        while (k > floor && isWordChar(s.charAt(k - 1))) {
            k--;
        }
        int brace = k;
        while (brace > floor && s.charAt(brace - 1) == ' ') {
            brace--;
        }
        if (brace > floor && s.charAt(brace - 1) == '{') {
            return brace - 1;
        }
        return k == wordEnd ? close : k;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static int skipWord(String s, int i) {
        while (i < s.length() && isWordChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String stripSpaces(String inner) {
        int from = skipSpaces(inner, 0);
        int to = inner.length();
        while (to > from && inner.charAt(to - 1) == ' ') {
            to--;
        }
        return inner.substring(from, to);
    }

    private static boolean isBraceOrBreak(char c) {
        return c == '{' || c == '}' || c == '\n' || c == '\r';
    }

    private static boolean isWordChar(char c) {
        return c != ' ' && c != '\t' && !isBraceOrBreak(c);
    }
}
