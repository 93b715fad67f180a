package clinic.bfrguard.e2e.load;

import clinic.bfrguard.e2e.E2EStack;
import clinic.bfrguard.e2e.Tokens;
import clinic.bfrguard.stack.LocalStack;
import clinic.bfrguard.stack.QuarkusApp;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Load run (a benchmark, not a timed test): virtual physiotherapists run BFR sessions through the session API, then
 * the run checks that every alert the sessions deserve exists exactly once and no other. Throughput, latency, CPU
 * and memory are printed and written to {@code target/load-report.txt}, never asserted.
 * <p>
 * Three phases follow each other, the pipeline drained between them: a warm-up ({@code bfr.load.warmup}, not
 * reported) that lets the JVMs compile the hot paths; a capacity phase ({@code bfr.load.duration}) in which every
 * user calls again as soon as it has its answer, so the system runs at the most it can do on this machine; and a
 * paced phase ({@code bfr.load.paced-duration}) offering a steady {@code bfr.load.paced-share} of the capacity
 * phase's call rate, where alert latency shows what a clinician sees below saturation.
 * <p>
 * Each virtual user owns {@code bfr.load.patients-per-user} screened (eligible) patients and one keep-alive
 * connection; what it does in a session, and which alerts that deserves, is {@link LoadGenerator}'s. The first
 * {@code bfr.load.held-band-users} users leave each band on until just past its deadline (the suite's 8 s), so that
 * the band timer raises a warning and an overrun on a saturated machine; each phase reports how late the timer
 * raised them and when the overrun reached the clinician's stream. The checks are {@link LoadChecks}', the figures
 * {@link LoadReport}'s.
 */
class LoadIT {

    /** The components whose memory and CPU the report shows, in its order. */
    private static final List<String> COMPONENTS = Stream.concat(LocalStack.SERVICES.stream(),
            Stream.of(LocalStack.WEB_CONSOLE, LocalStack.KAFKA, LocalStack.KEYCLOAK, LocalStack.POSTGRES)).toList();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @Test
    void sessionsUnderLoadRaiseEveryAlertExactlyOnce() throws Exception {
        LoadPlan plan = LoadPlan.fromSystemProperties();
        LocalStack stack = E2EStack.get();
        LoadChecks.assertDurableCommits(stack.settings());
        ProcessFigures figures = new ProcessFigures(stack, COMPONENTS);
        List<Phase> reported = new ArrayList<>();
        try (LoadGenerator generator = new LoadGenerator(plan, http);
                AlertFeed feed = new AlertFeed(http, () -> Tokens.of("clinician1"));
                Pipeline pipeline = new Pipeline(stack.settings().kafkaAdmin())) {
            feed.awaitOpen();
            pipeline.awaitScreeningsKnown();
            if (!plan.warmup().isZero()) {
                run(new Phase("warm-up", 0), plan.warmup(), generator, figures, pipeline, feed, stack);
            }
            Phase capacity = run(new Phase("capacity: every user calls again as soon as it has its answer", 0),
                    plan.duration(), generator, figures, pipeline, feed, stack);
            reported.add(capacity);
            double callsPerSecond = capacity.calls.get() / capacity.seconds();
            if (plan.pacedShare() > 0 && !plan.pacedDuration().isZero() && callsPerSecond > 0) {
                double offered = callsPerSecond * plan.pacedShare();
                reported.add(run(new Phase(String.format(Locale.ROOT, "paced: %.0f API calls/s offered (%.0f %% of"
                                        + " the capacity phase's %.0f)", offered, plan.pacedShare() * 100,
                                        callsPerSecond),
                                (long) (plan.users() * 1e9 / offered)),
                        plan.pacedDuration(), generator, figures, pipeline, feed, stack));
            }
            if (!plan.replicaDuration().isZero()) {
                reported.add(withSecondReplicas(plan, generator, figures, pipeline, feed, stack));
            }
            Map<String, JsonNode> actual = new LoadChecks(http).alertsOf(generator.patients());

            String report = new LoadReport(plan, generator, feed).of(reported, actual);
            System.out.println(report);
            Path file = Path.of("target", "load-report.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, report);

            LoadChecks.assertEveryAlertExactlyOnce(generator, capacity, actual);
        }
    }

    /**
     * A second replica of the session- and alert-service on the same databases and broker, as production runs them:
     * the users spread over both session-service replicas, the alert-service replicas share the session events, and
     * the clinician's stream stays on the first alert-service (alerts the second commits reach it through
     * PostgreSQL's notification). A warm-up for the new JVMs first, then a capacity phase.
     */
    private static Phase withSecondReplicas(LoadPlan plan, LoadGenerator generator, ProcessFigures figures,
            Pipeline pipeline, AlertFeed feed, LocalStack stack) throws Exception {
        List<QuarkusApp> replicas = new ArrayList<>();
        try {
            for (String service : List.of("session-service", "alert-service")) {
                replicas.add(stack.startReplica(service));
            }
            generator.spreadOver(List.of(URI.create(E2EStack.url("session-service")),
                    URI.create(replicas.get(0).url())));
            ProcessFigures withReplicas = figures.with(replicas.stream().map(replica -> replica.name()).toList());
            if (!plan.replicaWarmup().isZero()) {
                run(new Phase("warm-up of the second replicas", 0), plan.replicaWarmup(), generator, withReplicas,
                        pipeline, feed, stack);
            }
            return run(new Phase("capacity with two replicas of the session- and alert-service", 0),
                    plan.replicaDuration(), generator, withReplicas, pipeline, feed, stack);
        } finally {
            generator.spreadOver(List.of(URI.create(E2EStack.url("session-service"))));
            replicas.forEach(stack::stopReplica);
        }
    }

    /** Runs every user for {@code duration}, then waits until every alert caused so far is on the stream. */
    private static Phase run(Phase phase, Duration duration, LoadGenerator generator, ProcessFigures figures,
            Pipeline pipeline, AlertFeed feed, LocalStack stack) throws Exception {
        Map<String, Long> cpuBefore = figures.cpuTicks();
        Map<String, PostgresCounters.Counters> databaseBefore = PostgresCounters.read(stack.settings());
        long generatorCpuBefore = ProcessFigures.generatorCpuNanos();
        Map<TopicPartition, Long> offsetsBefore = pipeline.endOffsets(Pipeline.SESSION_EVENTS);
        phase.loadBefore = ProcessFigures.loadAverage();
        generator.begin(phase, duration);
        // resident memory near the end of the phase, while everything is busy
        Thread.sleep(Math.max(0, duration.toMillis() - 5_000));
        for (String component : figures.components()) {
            phase.rss.put(component, figures.rssKiB(component));
        }
        phase.loadDuring = ProcessFigures.loadAverage();
        generator.awaitEnd(phase, duration);
        Map<String, Long> cpuAfter = figures.cpuTicks();
        cpuAfter.forEach((component, ticks) -> phase.cpuSeconds.put(component,
                (ticks - cpuBefore.getOrDefault(component, 0L)) / (double) ProcessFigures.CLOCK_TICKS));
        phase.cpuSeconds.put("load generator", (ProcessFigures.generatorCpuNanos() - generatorCpuBefore) / 1e9);
        phase.drain = pipeline.drain(feed, generator.expected().keySet());
        phase.drained = System.nanoTime();
        phase.database = PostgresCounters.since(databaseBefore, PostgresCounters.read(stack.settings()));
        Map<TopicPartition, Long> offsetsAfter = pipeline.endOffsets(Pipeline.SESSION_EVENTS);
        phase.topicEvents = offsetsAfter.values().stream().mapToLong(Long::longValue).sum()
                - offsetsBefore.values().stream().mapToLong(Long::longValue).sum();
        phase.relayDelays = Pipeline.relayDelays(offsetsBefore, offsetsAfter);
        return phase;
    }
}
