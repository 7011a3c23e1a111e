package io.chatcases.loadtest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A latency distribution recorded in microseconds (HdrHistogram, 3 significant digits, up to 10
 * minutes), safe to record from any thread, summarised in milliseconds.
 */
final class Figures {
    private final Histogram histogram = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);

    /** Records one latency; values beyond the range are clamped to it (and so show as the max). */
    void record(long nanos) {
        long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos));
        histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
    }

    long count() {
        return histogram.getTotalCount();
    }

    Summary summary() {
        return new Summary(
                histogram.getTotalCount(),
                ms(histogram.getValueAtPercentile(50)),
                ms(histogram.getValueAtPercentile(90)),
                ms(histogram.getValueAtPercentile(99)),
                ms(histogram.getValueAtPercentile(99.9)),
                ms(histogram.getMaxValue()));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    /** Percentiles in milliseconds ({@code count} 0: no samples, every figure 0). */
    record Summary(long count, double p50, double p90, double p99, double p999, double max) {
        static final Summary NONE = new Summary(0, 0, 0, 0, 0, 0);

        /** Each figure the median of the runs' figures (the runs are measured alike). */
        static Summary median(List<Summary> runs) {
            if (runs.isEmpty()) {
                return NONE;
            }
            return new Summary(
                    (long) Figures.median(runs, s -> s.count),
                    Figures.median(runs, Summary::p50),
                    Figures.median(runs, Summary::p90),
                    Figures.median(runs, Summary::p99),
                    Figures.median(runs, Summary::p999),
                    Figures.median(runs, Summary::max));
        }
    }

    /** The median of a figure over runs (the mean of the middle two for an even count). */
    static <T> double median(List<T> runs, ToDoubleFunction<T> figure) {
        List<T> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(figure));
        int n = sorted.size();
        if (n == 0) {
            return 0;
        }
        return n % 2 == 1
                ? figure.applyAsDouble(sorted.get(n / 2))
                : (figure.applyAsDouble(sorted.get(n / 2 - 1))
                                + figure.applyAsDouble(sorted.get(n / 2)))
                        / 2;
    }
}
