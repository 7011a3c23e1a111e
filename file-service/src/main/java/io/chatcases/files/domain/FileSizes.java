package io.chatcases.files.domain;

import java.util.Locale;

/** A size as people read it, the way the UI shows it too (ui/src/shared/format.ts formatSize). */
public final class FileSizes {
    private FileSizes() {}

    private static final String[] UNITS = {"KB", "MB", "GB", "TB"};

    /** 1234567 -> "1.2 MB", 26214400 -> "25 MB" (1024-based, one decimal below 10). */
    public static String inWords(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes / 1024.0;
        int u = 0;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        String n = v < 10 ? String.format(Locale.ROOT, "%.1f", v) : Long.toString(Math.round(v));
        return n + " " + UNITS[u];
    }
}
