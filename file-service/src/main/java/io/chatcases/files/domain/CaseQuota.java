package io.chatcases.files.domain;

import java.util.Optional;

/** How many files and bytes one Case may hold: a customer token must not fill the storage. */
public record CaseQuota(int maxFiles, long maxBytes) {

    /** Why one more file of {@code size} bytes does not fit next to what the Case holds, if so. */
    public Optional<String> refusal(long files, long bytes, long size) {
        if (files + 1 > maxFiles) {
            return Optional.of("This chat already holds " + files + " files, the most allowed.");
        }
        if (bytes + size > maxBytes) {
            return Optional.of(
                    "This chat's files would take "
                            + (bytes + size)
                            + " bytes; at most "
                            + maxBytes
                            + " are allowed.");
        }
        return Optional.empty();
    }
}
