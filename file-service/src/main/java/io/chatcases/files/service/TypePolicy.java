package io.chatcases.files.service;

import io.chatcases.files.config.FilesConfig;
import io.chatcases.files.domain.FileKinds;
import io.chatcases.files.domain.TypeDetector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The detected type of an upload, if {@code files.allowed-types} admits it; 415 otherwise. */
@ApplicationScoped
public class TypePolicy {
    private final TypeDetector detector = new TypeDetector();
    private final Set<String> allowed;

    @Inject
    public TypePolicy(FilesConfig config) {
        this.allowed =
                config.allowedTypes().stream()
                        .map(t -> t.strip().toLowerCase(Locale.ROOT))
                        .collect(Collectors.toUnmodifiableSet());
    }

    /** The allowed types, in the words the UI shows ("images, PDF, ..."). */
    public String allowedSummary() {
        return FileKinds.summary(allowed);
    }

    /** Blocking: reads the first bytes of the file. */
    public String allowedTypeOf(Path file, String fileName) throws IOException {
        String type;
        try (InputStream in = Files.newInputStream(file)) {
            type = detector.detect(in, fileName);
        }
        if (!allowed.contains(type)) {
            // In words, not as a MIME type: the customer reads this (FileKinds).
            throw ApiException.unsupportedType(FileKinds.refusal(type, allowed));
        }
        return type;
    }
}
