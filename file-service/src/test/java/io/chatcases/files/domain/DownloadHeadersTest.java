package io.chatcases.files.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DownloadHeadersTest {

    @Test
    void attachmentCarriesAnAsciiFallbackAndTheExactUtf8Name() {
        assertEquals(
                "attachment; filename=\"Gr__e 100_.pdf\"; filename*=UTF-8''Gr%C3%BC%C3%9Fe%20100%25.pdf",
                DownloadHeaders.attachment("Grüße 100%.pdf"));
    }

    @Test
    void quotesAndBackslashesCannotBreakOutOfTheHeader() {
        String header = DownloadHeaders.attachment("a\"; filename=evil.html\\.png");
        assertEquals(
                "attachment; filename=\"a_; filename=evil.html_.png\";"
                        + " filename*=UTF-8''a%22%3B%20filename%3Devil.html%5C.png",
                header);
    }

    @Test
    void ifNoneMatchHitsTheSameTagInAListOrAStar() {
        String etag = DownloadHeaders.etag("abc");
        assertEquals("\"abc\"", etag);
        assertTrue(DownloadHeaders.noneMatchHits("\"x\", \"abc\"", etag));
        assertTrue(DownloadHeaders.noneMatchHits("W/\"abc\"", etag));
        assertTrue(DownloadHeaders.noneMatchHits("*", etag));
        assertFalse(DownloadHeaders.noneMatchHits("\"abcd\"", etag));
        assertFalse(DownloadHeaders.noneMatchHits(null, etag));
    }

    @Test
    void ifRangeHoldsOnlyForTheCurrentTag() {
        String etag = DownloadHeaders.etag("abc");
        assertTrue(DownloadHeaders.ifRangeHolds(null, etag));
        assertTrue(DownloadHeaders.ifRangeHolds("\"abc\"", etag));
        assertFalse(DownloadHeaders.ifRangeHolds("\"old\"", etag));
        assertFalse(DownloadHeaders.ifRangeHolds("Wed, 21 Oct 2015 07:28:00 GMT", etag));
    }
}
