package io.chatcases.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void percentilesInMilliseconds() {
        Figures f = new Figures();
        for (int i = 1; i <= 100; i++) {
            f.record(i * 1_000_000L); // 1..100 ms
        }
        Figures.Summary s = f.summary();
        assertEquals(100, s.count());
        assertEquals(50, s.p50(), 0.1);
        assertEquals(99, s.p99(), 0.1);
        assertEquals(100, s.max(), 0.1);
    }

    @Test
    void theMedianRunIsTakenFigureByFigure() {
        Figures.Summary a = new Figures.Summary(10, 1, 2, 30, 40, 50);
        Figures.Summary b = new Figures.Summary(20, 5, 6, 10, 20, 90);
        Figures.Summary c = new Figures.Summary(30, 3, 4, 20, 30, 70);
        Figures.Summary m = Figures.Summary.median(List.of(a, b, c));
        assertEquals(20, m.count());
        assertEquals(3, m.p50());
        assertEquals(20, m.p99());
        assertEquals(70, m.max());
        assertEquals(2.5, Figures.median(List.of(2.0, 3.0), Double::doubleValue));
    }

    @Test
    void lossAndDuplicatesAreTheWorstRunsNotTheMedian() {
        Row clean = row(100, 100, 0);
        Row lossy = row(100, 90, 2);
        Row m = Row.median(List.of(clean, clean, lossy));
        assertEquals(300, m.owed());
        assertEquals(290, m.made(), "summed: the lost 10 stay visible");
        assertEquals(2, m.duplicates(), "the worst run's");
    }

    @Test
    void theOpenLoopSchedulesByRateFromTheStart() {
        assertEquals(1_000_000_000L + 10_000_000L, OpenLoop.due(1_000_000_000L, 1, 100));
        assertEquals(1_000_000_000L + 500_000_000L, OpenLoop.due(1_000_000_000L, 50, 100));
    }

    private static Row row(long owed, long made, long duplicates) {
        Figures.Summary s = Figures.Summary.NONE;
        return new Row(10, s, s, s, s, s, s, owed, owed, made, duplicates, 0, 0, List.of());
    }
}
