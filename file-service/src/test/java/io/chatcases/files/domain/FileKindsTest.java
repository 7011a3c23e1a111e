package io.chatcases.files.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FileKindsTest {
    @Test
    void aRefusalNamesTheKindAndWhatIsAllowed() {
        assertEquals(
                "This file type isn't allowed (Windows program). Allowed: images and PDF.",
                FileKinds.refusal(
                        "application/x-msdownload", List.of("image/png", "application/pdf")));
        assertEquals(
                "This file type isn't allowed. Allowed: PDF.",
                FileKinds.refusal("application/x-unheard-of", List.of("application/pdf")));
    }

    @Test
    void sizesReadLikeTheUiShowsThem() {
        assertEquals("25 MB", FileSizes.inWords(25L * 1024 * 1024));
        assertEquals("1.2 MB", FileSizes.inWords(1_234_567));
        assertEquals("512 B", FileSizes.inWords(512));
    }
}
