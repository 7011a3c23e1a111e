package io.chatcases.gateway.protocol;

/**
 * What message text may contain: storage refuses NUL (PostgreSQL text) and mangles unpaired
 * surrogates, and control characters only serve to hide or garble what an agent reads. Newline and
 * tab are the only control characters a message may carry.
 */
public final class TextRules {
    private TextRules() {}

    /** Why {@code text} cannot be sent, or null when it can. */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "Text contains an unpaired surrogate at position " + i + ".";
            } else if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                return String.format(
                        "Text contains the control character U+%04X at position %d;"
                                + " only newline and tab are allowed.",
                        (int) c, i);
            }
        }
        return null;
    }
}
