package io.chatcases.loadtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of one measured run, and the median of several. */
record Row(
        double msgPerSecond,
        Figures.Summary all,
        Figures.Summary toAgents,
        Figures.Summary toCustomers,
        Figures.Summary accepted,
        Figures.Summary toStored,
        Figures.Summary storedToDelivery,
        long sent,
        long owed,
        long made,
        long duplicates,
        long gaps,
        long errors,
        List<Processes.Usage> usage) {

    static Row of(Tracker t, double seconds, List<Processes.Usage> usage) {
        return new Row(
                t.sent() / seconds,
                t.all.summary(),
                t.toAgents.summary(),
                t.toCustomers.summary(),
                t.accepted.summary(),
                t.toStored.summary(),
                t.storedToDelivery.summary(),
                t.sent(),
                t.owed(),
                t.made(),
                t.duplicates.get() + t.overDelivered(),
                t.gaps.get(),
                t.errors.get(),
                usage);
    }

    /** Delivered share of the deliveries owed (1.0: nothing lost). */
    double deliveredShare() {
        return owed == 0 ? 1 : (double) made / owed;
    }

    /**
     * Latency, rate and usage figures the median over the runs; counts of messages the sum over the
     * runs, and duplicates, gaps and errors the worst run's, so no run's loss is hidden.
     */
    static Row median(List<Row> runs) {
        Map<String, List<Processes.Usage>> byName = new LinkedHashMap<>();
        runs.forEach(
                r ->
                        r.usage.forEach(
                                u ->
                                        byName.computeIfAbsent(u.name(), k -> new ArrayList<>())
                                                .add(u)));
        List<Processes.Usage> usage = new ArrayList<>();
        byName.forEach(
                (name, list) ->
                        usage.add(
                                new Processes.Usage(
                                        name,
                                        Figures.median(list, Processes.Usage::cores),
                                        Figures.median(list, Processes.Usage::rssMiB))));
        return new Row(
                Figures.median(runs, Row::msgPerSecond),
                Figures.Summary.median(runs.stream().map(Row::all).toList()),
                Figures.Summary.median(runs.stream().map(Row::toAgents).toList()),
                Figures.Summary.median(runs.stream().map(Row::toCustomers).toList()),
                Figures.Summary.median(runs.stream().map(Row::accepted).toList()),
                Figures.Summary.median(runs.stream().map(Row::toStored).toList()),
                Figures.Summary.median(runs.stream().map(Row::storedToDelivery).toList()),
                runs.stream().mapToLong(Row::sent).sum(),
                runs.stream().mapToLong(Row::owed).sum(),
                runs.stream().mapToLong(Row::made).sum(),
                runs.stream().mapToLong(Row::duplicates).max().orElse(0),
                runs.stream().mapToLong(Row::gaps).max().orElse(0),
                runs.stream().mapToLong(Row::errors).max().orElse(0),
                usage);
    }
}
