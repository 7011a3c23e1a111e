package io.chatcases.gateway.protocol;

import java.util.Locale;

/**
 * What message text may contain: storage refuses NUL (PostgreSQL text) and mangles unpaired
 * surrogates, and control characters only serve to hide or garble what an agent reads. Newline and
 * tab are the only control characters a message may carry. The length limit itself is {@code
 * gateway.max-text-length}, handed to the UI by {@code GET /api/config} ({@code
 * limits.messageChars}); its refusal's words are shared with the widget through {@code
 * docs/validation-rules.json}.
 */
public final class TextRules {
    private TextRules() {}

    /**
     * The refusal of a text of {@code length} UTF-16 units (String.length, what the browser's
     * length counts too) over {@code max}; null when it fits.
     */
    public static String tooLong(int length, int max) {
        return length > max
                ? String.format(Locale.ROOT, "Messages are limited to %,d characters.", max)
                : null;
    }

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
