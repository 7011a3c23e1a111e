package io.chatcases.files.domain;

import java.text.Normalizer;

/**
 * Turns a client's file name into display metadata. The result is never used as a path (bytes live
 * under a generated key), but it is shown to people and sent back in {@code Content-Disposition},
 * so it must not carry path components, control or bidi-override characters, or header syntax.
 */
public final class FileNames {
    /** Longest name kept, in code points; the extension survives shortening. */
    public static final int MAX_LENGTH = 200;

    /** What an empty or entirely unusable name becomes. */
    public static final String FALLBACK = "file";

    private static final int MAX_EXTENSION = 16;
    private static final String RESERVED = "<>:\"|?*";

    private FileNames() {}

    public static String sanitise(String raw) {
        if (raw == null) {
            return FALLBACK;
        }
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        // Only the last path component: "../../etc/passwd.png" and "C:\\x\\y.png" keep the leaf.
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> append(out, cp));
        String cleaned = out.toString().replaceAll(" {2,}", " ");
        // No hidden files, no "." or "..", no trailing dots or spaces (Windows drops them).
        cleaned = cleaned.replaceAll("^[. ]+", "").replaceAll("[. ]+$", "");
        if (cleaned.isEmpty()) {
            return FALLBACK;
        }
        return shorten(cleaned);
    }

    private static void append(StringBuilder out, int cp) {
        int type = Character.getType(cp);
        // Tabs and line breaks become spaces; other control characters (U+001C..U+001F count as
        // whitespace in Java) are dropped below.
        if (cp == '\t'
                || cp == '\n'
                || cp == '\r'
                || cp == '\f'
                || cp == 0x0b
                || (!Character.isISOControl(cp) && Character.isWhitespace(cp))
                || type == Character.SPACE_SEPARATOR) {
            out.append(' ');
            return;
        }
        if (Character.isISOControl(cp)
                || type == Character.FORMAT // bidi overrides, zero-width joiners
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.PRIVATE_USE
                || type == Character.SURROGATE
                || type == Character.UNASSIGNED) {
            return;
        }
        if (cp < 128 && RESERVED.indexOf(cp) >= 0) {
            out.append('_');
        } else {
            out.appendCodePoint(cp);
        }
    }

    private static String shorten(String name) {
        int length = name.codePointCount(0, name.length());
        if (length <= MAX_LENGTH) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = "";
        if (dot > 0) {
            String candidate = name.substring(dot);
            if (candidate.codePointCount(0, candidate.length()) <= MAX_EXTENSION) {
                extension = candidate;
            }
        }
        int keep = MAX_LENGTH - extension.codePointCount(0, extension.length());
        String stem = name.substring(0, name.offsetByCodePoints(0, keep)).stripTrailing();
        return stem + extension;
    }
}
