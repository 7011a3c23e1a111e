package io.chatcases.gateway.protocol;

/**
 * What a typed name keeps: control characters and the bidirectional overrides, embeddings and
 * isolates (which can make "Eve" render as someone else's name in an agent's console) are removed,
 * runs of white space become one space, and the ends are trimmed.
 */
public final class NameRules {
    private NameRules() {}

    /** The name as it is stored and shown; null stays null. */
    public static String clean(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(name.length());
        boolean space = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = out.length() > 0;
            } else if (!Character.isISOControl(cp) && !isBidiControl(cp)) {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) // LRE, RLE, PDF, LRO, RLO
                || (cp >= 0x2066 && cp <= 0x2069) // LRI, RLI, FSI, PDI
                || cp == 0x200E // LRM
                || cp == 0x200F // RLM
                || cp == 0x061C; // ALM
    }
}
