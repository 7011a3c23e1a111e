package io.chatcases.files.domain;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeType;
import org.apache.tika.mime.MimeTypes;

/**
 * Decides a file's content type from its first bytes with tika-core's magic patterns. The client's
 * declared type is never consulted, and its file name only to tell apart the formats that share one
 * container (see {@link #detect}).
 */
public final class TypeDetector {

    /** How many leading bytes detection reads: enough for every tika-core magic pattern. */
    public static final int PREFIX_BYTES = 64 * 1024;

    /** Text whose first character is {@code <}: HTML or XML that Tika's patterns did not name. */
    public static final String MARKUP = "text/x-markup";

    /**
     * Containers whose members tika-core cannot tell apart by magic alone (it needs the parsers for
     * that). Inside one of these, and only there, a file name's extension may pick the member type.
     */
    private static final Set<MediaType> NAME_REFINED_CONTAINERS =
            Set.of(
                    MediaType.parse("application/x-tika-ooxml"),
                    MediaType.parse("application/x-tika-msoffice"));

    private static final MediaType MATROSKA = MediaType.parse("application/x-matroska");
    private static final byte[] WEBM_DOCTYPE = {0x42, (byte) 0x82, (byte) 0x84, 'w', 'e', 'b', 'm'};

    private final MimeTypes types = MimeTypes.getDefaultMimeTypes();
    private final MediaTypeRegistry registry = types.getMediaTypeRegistry();

    /**
     * The content type of {@code content} (only its first {@link #PREFIX_BYTES} are read).
     *
     * <p>A name hint is dangerous in general: tika-core lets a {@code .png} name turn unknown bytes
     * ({@code application/octet-stream}) into {@code image/png}. So detection runs on the bytes
     * alone; only when they prove an office container (OOXML or OLE2) may the name's extension
     * choose a type that is a specialisation of that container ({@code .docx} inside OOXML), never
     * anything else. A plain ZIP stays {@code application/zip} whatever its name.
     */
    public String detect(InputStream content, String fileName) throws IOException {
        byte[] prefix = content.readNBytes(PREFIX_BYTES);
        MediaType magic;
        try (TikaInputStream in = TikaInputStream.get(prefix)) {
            magic = types.detect(in, new Metadata());
        }
        if (NAME_REFINED_CONTAINERS.contains(magic)) {
            magic = refineByName(magic, fileName);
        } else if (magic.equals(MATROSKA) && contains(prefix, WEBM_DOCTYPE, 64)) {
            // tika-core has no WebM magic: WebM is Matroska whose EBML DocType is "webm".
            magic = MediaType.video("webm");
        } else if (magic.equals(MediaType.TEXT_PLAIN) && startsWithMarkup(prefix)) {
            return MARKUP;
        }
        return magic.getBaseType().toString();
    }

    private MediaType refineByName(MediaType container, String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return container;
        }
        try {
            MimeType byName = types.getMimeType(fileName.toLowerCase(Locale.ROOT));
            MediaType hinted = byName == null ? null : byName.getType();
            if (hinted != null
                    && !hinted.equals(container)
                    && registry.isSpecializationOf(hinted, container)) {
                return hinted;
            }
        } catch (RuntimeException ignored) {
            // an odd name is no hint at all
        }
        return container;
    }

    private static boolean startsWithMarkup(byte[] prefix) {
        String head =
                new String(prefix, 0, Math.min(prefix.length, 1024), StandardCharsets.UTF_8)
                        .replace("\uFEFF", "")
                        .stripLeading();
        return head.startsWith("<");
    }

    private static boolean contains(byte[] haystack, byte[] needle, int within) {
        int limit = Math.min(haystack.length, within) - needle.length;
        for (int i = 0; i <= limit; i++) {
            int j = 0;
            while (j < needle.length && haystack[i + j] == needle[j]) {
                j++;
            }
            if (j == needle.length) {
                return true;
            }
        }
        return false;
    }
}
