package io.chatcases.contacts.domain;

import java.text.Normalizer;

/**
 * The one place a Contact's initials are computed (the chat tile shows them). First letter of the
 * first name plus first letter of the last name, upper-cased. Works on code points, not chars, so
 * supplementary characters (CJK extension B, emoji) are never split; input is NFC-normalised first
 * so a decomposed "é" keeps its accent.
 *
 * <p>RULE: initials: a tile shows the Contact's initials, first name + last name.
 *
 * <p>Fallbacks: one name gives one letter; no names give the first letter of the email's local
 * part; nothing usable gives "?".
 */
public final class Initials {

    public static final String UNKNOWN = "?";

    private Initials() {}

    public static String of(String firstName, String lastName, String email) {
        String first = firstSymbol(firstName);
        String last = firstSymbol(lastName);
        if (!first.isEmpty() || !last.isEmpty()) {
            return first + last;
        }
        if (email != null) {
            int at = email.indexOf('@');
            String local = at >= 0 ? email.substring(0, at) : email;
            String fromEmail = firstSymbol(local);
            if (!fromEmail.isEmpty()) {
                return fromEmail;
            }
        }
        return UNKNOWN;
    }

    /**
     * The first letter or digit of {@code text}, upper-cased; failing that its first symbol (an
     * emoji name keeps its emoji); punctuation and spaces are skipped. Empty when there is none.
     */
    static String firstSymbol(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        int symbol = -1;
        for (int i = 0; i < nfc.length(); ) {
            int cp = nfc.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
                return upper(cp);
            }
            if (symbol < 0 && Character.getType(cp) == Character.OTHER_SYMBOL) {
                symbol = cp;
            }
            i += Character.charCount(cp);
        }
        return symbol < 0 ? "" : new String(Character.toChars(symbol));
    }

    private static String upper(int cp) {
        // Per code point, not String.toUpperCase: an initial stays one character ("ß" is not "SS").
        return new String(Character.toChars(Character.toUpperCase(cp)));
    }
}
