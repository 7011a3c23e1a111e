package io.chatcases.files.domain;

import java.util.Optional;

/**
 * One satisfiable byte range of a stored file (RFC 9110 section 14). Only single ranges are served;
 * a header this service does not understand (another unit, several ranges, bad syntax) is ignored,
 * as the RFC allows, and the whole file is sent.
 */
public record ByteRange(long start, long length) {

    /**
     * The range asked for cannot be served: 416 with {@code Content-Range: bytes *}{@code /size}.
     */
    public static final class NotSatisfiable extends Exception {
        public NotSatisfiable(String message) {
            super(message, null, false, false);
        }
    }

    public ByteRange {
        if (start < 0 || length <= 0) {
            throw new IllegalArgumentException("bad range " + start + "+" + length);
        }
    }

    /** Last byte's offset, inclusive. */
    public long end() {
        return start + length - 1;
    }

    /** The {@code Content-Range} value of a 206 for a file of {@code size} bytes. */
    public String contentRange(long size) {
        return "bytes " + start + "-" + end() + "/" + size;
    }

    /** The {@code Range} header that asks another server for exactly this range. */
    public String header() {
        return "bytes=" + start + "-" + end();
    }

    /**
     * The range a {@code Range} header asks for in a file of {@code size} bytes; empty when the
     * whole file should be sent.
     */
    public static Optional<ByteRange> parse(String header, long size) throws NotSatisfiable {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        int eq = value.indexOf('=');
        if (eq < 0 || !value.substring(0, eq).strip().equalsIgnoreCase("bytes")) {
            return Optional.empty();
        }
        String spec = value.substring(eq + 1).strip();
        if (spec.contains(",")) {
            return Optional.empty();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        String first = spec.substring(0, dash).strip();
        String last = spec.substring(dash + 1).strip();
        Long from = number(first);
        Long to = number(last);
        if (first.isEmpty()) {
            return suffix(to, last, size);
        }
        if (from == null || (!last.isEmpty() && to == null) || (to != null && to < from)) {
            return Optional.empty();
        }
        if (from >= size) {
            throw new NotSatisfiable(
                    "The file has " + size + " bytes; the range starts at " + from);
        }
        long end = to == null ? size - 1 : Math.min(to, size - 1);
        return Optional.of(new ByteRange(from, end - from + 1));
    }

    private static Optional<ByteRange> suffix(Long count, String raw, long size)
            throws NotSatisfiable {
        if (count == null || raw.isEmpty()) {
            return Optional.empty();
        }
        if (count == 0 || size == 0) {
            throw new NotSatisfiable("An empty suffix range cannot be served");
        }
        long length = Math.min(count, size);
        return Optional.of(new ByteRange(size - length, length));
    }

    private static Long number(String digits) {
        if (digits.isEmpty()
                || digits.length() > 18
                || !digits.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(digits);
    }
}
