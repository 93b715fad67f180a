package clinic.bfrguard.e2e.load;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** What one phase of the load run measured: filled by the generator while it runs and by the run around it. */
final class Phase {

    final String name;
    /** Nanoseconds between two calls of one user; 0 for as fast as the answers come. */
    final long callInterval;
    final Map<String, ConcurrentLinkedQueue<Long>> callNanos = new ConcurrentHashMap<>();
    final Map<Long, AtomicLong> eventsPerSecond = new ConcurrentHashMap<>();
    final AtomicLong events = new AtomicLong();
    final AtomicLong calls = new AtomicLong();
    final AtomicLong sessions = new AtomicLong();
    final Map<String, Long> rss = new LinkedHashMap<>();
    final Map<String, Double> cpuSeconds = new LinkedHashMap<>();
    /** PostgreSQL's counters over the phase and its drain, by database. */
    Map<String, PostgresCounters.Counters> database = Map.of();
    long start;
    long end;
    long deadline;
    /** When the pipeline had caught up after the phase. */
    long drained;
    long topicEvents;
    List<Long> relayDelays = List.of();
    /** Band timer: how late each warning and overrun was raised (service clocks), in nanoseconds. */
    final Queue<Long> warningsLate = new ConcurrentLinkedQueue<>();
    final Queue<Long> overrunsLate = new ConcurrentLinkedQueue<>();
    /** Dedup key of each overrun alert → its band's deadline, to time its arrival on the stream. */
    final Map<String, Instant> overrunDeadlines = new ConcurrentHashMap<>();
    Pipeline.Drain drain;
    String loadBefore;
    String loadDuring;

    Phase(String name, long callInterval) {
        this.name = name;
        this.callInterval = callInterval;
    }

    double seconds() {
        return (end - start) / 1e9;
    }
}
