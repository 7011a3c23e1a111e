package io.chatcases.files.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Content types in the words a customer or agent understands: what a refusal says ("This file type
 * isn't allowed (Windows program). Allowed: images, PDF, ...") and what the UI states next to the
 * attach button. A type without words here is named generically, never as its MIME string.
 */
public final class FileKinds {
    private FileKinds() {}

    private static final Map<String, String> REFUSED_WORDS =
            Map.ofEntries(
                    Map.entry("application/x-msdownload", "Windows program"),
                    Map.entry("application/x-dosexec", "Windows program"),
                    Map.entry("application/x-msdos-program", "Windows program"),
                    Map.entry("application/vnd.microsoft.portable-executable", "Windows program"),
                    Map.entry("application/x-executable", "program"),
                    Map.entry("application/x-mach-binary", "Mac program"),
                    Map.entry("application/x-sh", "shell script"),
                    Map.entry("application/javascript", "script"),
                    Map.entry("text/javascript", "script"),
                    Map.entry("text/html", "web page"),
                    Map.entry("application/xhtml+xml", "web page"),
                    Map.entry("image/svg+xml", "SVG image"),
                    Map.entry("application/xml", "XML file"),
                    Map.entry("text/xml", "XML file"),
                    Map.entry("application/zip", "ZIP archive"),
                    Map.entry("application/x-rar-compressed", "RAR archive"),
                    Map.entry("application/x-7z-compressed", "7-Zip archive"),
                    Map.entry("application/gzip", "compressed archive"),
                    Map.entry("application/x-tar", "archive"),
                    Map.entry("application/octet-stream", "unknown kind of file"));

    /** The kinds an allowed type belongs to, in the order the summary names them. */
    private static final Map<String, String> KIND_OF_PREFIX = new LinkedHashMap<>();

    static {
        KIND_OF_PREFIX.put("image/", "images");
        KIND_OF_PREFIX.put("application/pdf", "PDF");
        KIND_OF_PREFIX.put("text/plain", "text files");
        KIND_OF_PREFIX.put("audio/", "audio");
        KIND_OF_PREFIX.put("video/", "video");
        KIND_OF_PREFIX.put("application/vnd.openxmlformats-officedocument.", "Office documents");
        KIND_OF_PREFIX.put("application/vnd.oasis.opendocument.", "OpenDocument files");
    }

    /** "application/x-msdownload" -> "Windows program"; null for a type without words here. */
    public static String inWords(String contentType) {
        return contentType == null
                ? null
                : REFUSED_WORDS.get(contentType.strip().toLowerCase(Locale.ROOT));
    }

    /** "images, PDF, text files, audio, video, Office documents and OpenDocument files". */
    public static String summary(Collection<String> allowed) {
        List<String> kinds = new ArrayList<>();
        for (Map.Entry<String, String> e : KIND_OF_PREFIX.entrySet()) {
            if (allowed.stream().anyMatch(t -> t.startsWith(e.getKey()))) {
                kinds.add(e.getValue());
            }
        }
        if (allowed.stream()
                .anyMatch(t -> KIND_OF_PREFIX.keySet().stream().noneMatch(t::startsWith))) {
            kinds.add("some other files");
        }
        if (kinds.size() <= 1) {
            return String.join("", kinds);
        }
        return String.join(", ", kinds.subList(0, kinds.size() - 1))
                + " and "
                + kinds.get(kinds.size() - 1);
    }

    /** What a 415 says: the refused kind in words, then what is allowed. */
    public static String refusal(String detectedType, Collection<String> allowed) {
        String words = inWords(detectedType);
        String kind = words != null ? " (" + words + ")" : "";
        return "This file type isn't allowed" + kind + ". Allowed: " + summary(allowed) + ".";
    }
}
