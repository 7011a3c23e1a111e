package io.chatcases.files.domain;

import java.nio.charset.StandardCharsets;

/** Header values of a download: a safe {@code Content-Disposition} and ETag comparisons. */
public final class DownloadHeaders {
    private static final String ATTR_CHARS = "!#$&+-.^_`|~";

    private DownloadHeaders() {}

    /**
     * {@code attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>} (RFC
     * 6266): old clients get a readable ASCII name, current ones the exact Unicode name.
     */
    public static String attachment(String name) {
        return "attachment; filename=\""
                + asciiFallback(name)
                + "\"; filename*=UTF-8''"
                + encode(name);
    }

    static String asciiFallback(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints()
                .forEach(
                        cp -> {
                            boolean plain =
                                    cp >= 0x20 && cp < 0x7f && cp != '"' && cp != '\\' && cp != '%';
                            out.append(plain ? (char) cp : '_');
                        });
        return out.toString();
    }

    static String encode(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || (c < 0x80 && ATTR_CHARS.indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** The strong ETag of a file: its SHA-256, quoted. */
    public static String etag(String sha256) {
        return "\"" + sha256 + "\"";
    }

    /**
     * Whether an {@code If-None-Match} header matches the file's ETag (weak comparison, as RFC 9110
     * asks for this header; {@code *} matches any existing file).
     */
    public static boolean noneMatchHits(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a Range may be honoured under {@code If-Range}: absent, or the current strong ETag. A
     * date or another tag means the client's partial copy is stale: send the whole file.
     */
    public static boolean ifRangeHolds(String ifRange, String etag) {
        return ifRange == null || ifRange.isBlank() || ifRange.strip().equals(etag);
    }
}
