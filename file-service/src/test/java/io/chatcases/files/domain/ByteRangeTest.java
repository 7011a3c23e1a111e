package io.chatcases.files.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {

    @ParameterizedTest(name = "[{index}] {0} of 1000 -> {1}+{2}")
    @CsvSource({
        "bytes=0-99, 0, 100",
        "bytes=900-, 900, 100",
        "bytes=-10, 990, 10",
        "bytes=-5000, 0, 1000",
        "bytes=990-5000, 990, 10",
        "bytes=999-999, 999, 1",
        "BYTES = 10 - 19, 10, 10",
    })
    void satisfiableRangeIsServedClampedToTheFile(String header, long start, long length)
            throws Exception {
        assertEquals(Optional.of(new ByteRange(start, length)), ByteRange.parse(header, 1000));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "",
                "items=0-10",
                "bytes=0-10,20-30",
                "bytes=abc",
                "bytes=10-5",
                "bytes=-",
                "bytes=5"
            })
    void rangeThisServiceDoesNotUnderstandIsIgnored(String header) throws Exception {
        assertEquals(Optional.empty(), ByteRange.parse(header, 1000));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"bytes=1000-", "bytes=5000-6000", "bytes=-0"})
    void rangeOutsideTheFileIsNotSatisfiable(String header) {
        assertThrows(ByteRange.NotSatisfiable.class, () -> ByteRange.parse(header, 1000));
    }

    @Test
    void emptyFileSatisfiesNoRange() {
        assertThrows(ByteRange.NotSatisfiable.class, () -> ByteRange.parse("bytes=0-", 0));
        assertThrows(ByteRange.NotSatisfiable.class, () -> ByteRange.parse("bytes=-1", 0));
    }

    @Test
    void contentRangeNamesTheInclusiveEnd() {
        ByteRange range = new ByteRange(10, 5);
        assertEquals("bytes 10-14/100", range.contentRange(100));
        assertEquals("bytes=10-14", range.header());
    }
}
