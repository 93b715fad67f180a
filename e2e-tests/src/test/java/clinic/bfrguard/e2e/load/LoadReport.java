package clinic.bfrguard.e2e.load;

import clinic.bfrguard.stack.LocalStack;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/**
 * The load run's figures as text, printed and written to {@code target/load-report.txt}: throughput, API and alert
 * latency, the band timer's lateness, how long the pipeline took to drain, memory, CPU and PostgreSQL's work.
 */
final class LoadReport {

    private final LoadPlan plan;
    private final LoadGenerator generator;
    private final AlertFeed feed;

    LoadReport(LoadPlan plan, LoadGenerator generator, AlertFeed feed) {
        this.plan = plan;
        this.generator = generator;
        this.feed = feed;
    }

    /** The report of {@code phases}, with what the whole run expected and found ({@code actual}, by dedup key). */
    String of(List<Phase> phases, Map<String, JsonNode> actual) {
        Map<String, LoadGenerator.Expected> expected = generator.expected();
        StringBuilder out = new StringBuilder();
        int cores = Runtime.getRuntime().availableProcessors();
        out.append("==================== BFR Guard load run ====================\n");
        out.append(String.format(Locale.ROOT, "at %s, %d cores; %d virtual users x %d patients; warm-up %s (not"
                + " reported); screening- and session-service at nice %d; PostgreSQL with durable commits (fsync,"
                + " synchronous_commit)%n", Instant.now(), cores, plan.users(), plan.patientsPerUser(), plan.warmup(),
                LocalStack.intakeNice()));
        out.append(String.format(Locale.ROOT, "API calls failed: %s; starts retried while the screening was on its"
                + " way: %d%n", generator.failures(), generator.notYetScreened()));
        out.append(String.format(Locale.ROOT, "alerts expected (whole run): %d, in the alert API: %d, RAISED on the"
                        + " stream: %d (raised twice on the stream: %d)%n", expected.size(), actual.size(),
                feed.raised.size(), feed.raisedTwice.get()));
        for (Phase phase : phases) {
            double seconds = phase.seconds();
            out.append("------------------------------------------------------------\n");
            out.append(phase.name).append('\n');
            out.append(String.format(Locale.ROOT, "ran %.1f s; load average before %s, near the end %s%n", seconds,
                    phase.loadBefore, phase.loadDuring));
            out.append(String.format(Locale.ROOT, "session events: %d from the API answers = %.0f events/s sustained"
                            + " (session-events topic grew by %d, band timer events included); %.0f API calls/s;"
                            + " %d sessions%n", phase.events.get(), phase.events.get() / seconds, phase.topicEvents,
                    phase.calls.get() / seconds, phase.sessions.get()));
            out.append("session events per second: ").append(new TreeMap<>(phase.eventsPerSecond).values().stream()
                    .map(c -> String.valueOf(c.get())).collect(Collectors.joining(" "))).append('\n');
            out.append("API latency (ms, from the request sent to the answer read)\n");
            out.append(String.format(Locale.ROOT, "  %-16s %8s %8s %8s %8s%n", "call", "count", "p50", "p99", "max"));
            List<Long> allCalls = new ArrayList<>();
            for (String type : LoadGenerator.CALL_TYPES) {
                List<Long> nanos = new ArrayList<>(phase.callNanos.getOrDefault(type, new ConcurrentLinkedQueue<>()));
                allCalls.addAll(nanos);
                out.append(latencyLine(type, nanos));
            }
            out.append(latencyLine("all", allCalls));
            List<Long> fromStart = new ArrayList<>();
            List<Long> fromAnswer = new ArrayList<>();
            expected.forEach((key, e) -> {
                if (key.startsWith("BAND_TIME_")) {
                    // raised by the timer, not by a call: reported with the band timer below
                    return;
                }
                Long arrived = feed.raised.get(key);
                long[] first;
                synchronized (e.causes()) {
                    first = e.causes().stream().min((a, b) -> Long.compare(a[0], b[0])).orElse(null);
                }
                if (arrived != null && first != null && first[0] >= phase.start && first[0] <= phase.end) {
                    fromStart.add(arrived - first[0]);
                    fromAnswer.add(arrived - first[1]);
                }
            });
            List<long[]> split;
            synchronized (feed.split) {
                split = feed.split.stream().filter(s -> s[0] >= phase.start && s[0] <= phase.drained).toList();
            }
            out.append("alert latency (ms, until the alert arrives on the alert-service SSE stream)\n");
            out.append(latencyLine("from the call", fromStart));
            out.append(latencyLine("from its answer", fromAnswer));
            out.append("  by the clocks of the services (same machine): from the cause's time in the session-service"
                    + " to the\n  alert's creation in the alert-service (outbox, Kafka, consumer), and from there to"
                    + " the stream;\n  apart, for every session event: from its outbox entry to its Kafka record"
                    + " (the relay)\n");
            out.append(latencyLine("to raised", split.stream().map(s -> s[1]).toList()));
            out.append(latencyLine("raised to stream", split.stream().map(s -> s[2]).toList()));
            out.append(latencyLine("outbox to Kafka", phase.relayDelays));
            List<Long> overrunsShown = new ArrayList<>();
            phase.overrunDeadlines.forEach((key, deadline) -> {
                Instant shown = feed.raisedWall.get(key);
                if (shown != null) {
                    overrunsShown.add(Duration.between(deadline, shown).toNanos());
                }
            });
            out.append(String.format(Locale.ROOT, "band timer (ms late; %d overruns, %d users hold their bands past"
                    + " the deadline): raised after the\n  band's warning time or deadline (service clock), and the"
                    + " overrun on the stream after the deadline%n", phase.overrunDeadlines.size(),
                    Math.min(plan.heldBandUsers(), plan.users())));
            out.append(latencyLine("warning raised", new ArrayList<>(phase.warningsLate)));
            out.append(latencyLine("overrun raised", new ArrayList<>(phase.overrunsLate)));
            out.append(latencyLine("overrun streamed", overrunsShown));
            out.append(String.format(Locale.ROOT, "pipeline drained %.1f s after the last call (all alerts on the"
                            + " stream: %s, alert-service lag on session-events: %d)%n", phase.drain.nanos() / 1e9,
                    phase.drain.allSeen(), phase.drain.lag()));
            out.append("resident memory (VmRSS, 5 s before the end; PostgreSQL: proportional set size of the"
                    + " postmaster and its backends)\n");
            phase.rss.forEach((component, kib) -> out.append(String.format(Locale.ROOT, "  %-18s %6d MiB%n",
                    component, kib / 1024)));
            double events = Math.max(1, phase.events.get());
            out.append("CPU used (s), and per 1,000 session events (s)\n");
            phase.cpuSeconds.forEach((component, cpu) -> out.append(String.format(Locale.ROOT,
                    "  %-18s %8.1f %8.2f%n", component, cpu, cpu * 1000 / events)));
            double total = phase.cpuSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
            out.append(String.format(Locale.ROOT, "  %-18s %8.1f %8.2f (%.0f %% of %d cores)%n", "all", total,
                    total * 1000 / events, 100 * total / seconds / cores, cores));
            out.append(databaseLine(phase.database, events));
        }
        out.append("============================================================\n");
        return out.toString();
    }

    /** PostgreSQL's work per 1,000 session events: transactions by database, rows written in all. */
    private static String databaseLine(Map<String, PostgresCounters.Counters> database, double events) {
        long commits = database.values().stream().mapToLong(PostgresCounters.Counters::commits).sum();
        String byDatabase = database.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.0f", e.getKey(),
                e.getValue().commits() * 1000 / events)).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "PostgreSQL per 1,000 session events (its own counters, phase and drain):"
                        + " %.0f transactions (%s), rows inserted %.0f, updated %.0f, deleted %.0f%n",
                commits * 1000 / events, byDatabase,
                database.values().stream().mapToLong(PostgresCounters.Counters::inserted).sum() * 1000 / events,
                database.values().stream().mapToLong(PostgresCounters.Counters::updated).sum() * 1000 / events,
                database.values().stream().mapToLong(PostgresCounters.Counters::deleted).sum() * 1000 / events);
    }

    private static String latencyLine(String name, List<Long> nanos) {
        if (nanos.isEmpty()) {
            return String.format(Locale.ROOT, "  %-16s %8d%n", name, 0);
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "  %-16s %8d %8.1f %8.1f %8.1f%n", name, sorted.size(),
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double percentile(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
    }
}
