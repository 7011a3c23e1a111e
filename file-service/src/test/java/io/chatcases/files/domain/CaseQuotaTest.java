package io.chatcases.files.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CaseQuotaTest {
    static final CaseQuota QUOTA = new CaseQuota(3, 1000);

    static Stream<Arguments> table() {
        return Stream.of(
                // files held, bytes held, new file's size, fits?
                Arguments.of(0, 0, 1000, true),
                Arguments.of(2, 500, 500, true),
                Arguments.of(3, 0, 1, false),
                Arguments.of(2, 500, 501, false),
                Arguments.of(0, 0, 1001, false));
    }

    @ParameterizedTest(name = "{0} files, {1} bytes + {2} bytes -> fits {3}")
    @MethodSource("table")
    void oneMoreFileFitsOnlyWithinBothLimits(long files, long bytes, long size, boolean fits) {
        assertEquals(fits, QUOTA.refusal(files, bytes, size).isEmpty());
    }
}
