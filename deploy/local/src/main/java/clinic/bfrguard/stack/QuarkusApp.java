package clinic.bfrguard.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One of the Quarkus applications of the repository (a service or the web console), run from its packaged jar. */
public final class QuarkusApp extends ProcessComponent {

    static final Path NICE = Path.of("/usr/bin/nice");

    private final StackSettings settings;
    private final String module;
    private final int port;
    private final List<String> jvmOptions;
    private final boolean intake;
    private final Map<String, String> environment;

    /**
     * {@code name} is its module's directory; {@code jvmOptions} its JVM's (heap, collector); {@code intake}: it
     * takes the clinic's writes, and runs at the lower priority of {@link LocalStack#intakeNice()}.
     */
    QuarkusApp(StackSettings settings, String name, int port, List<String> jvmOptions, boolean intake,
            Map<String, String> environment) {
        this(settings, name, name, port, jvmOptions, intake, environment, false);
    }

    private QuarkusApp(StackSettings settings, String module, String name, int port, List<String> jvmOptions,
            boolean intake, Map<String, String> environment, boolean startedBefore) {
        super(name, name, settings.logDirectory().resolve(name + ".log"), startedBefore);
        this.settings = settings;
        this.module = module;
        this.port = port;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.intake = intake;
        this.environment = Map.copyOf(environment);
    }

    /**
     * The same application with {@code extra} on top of its environment (another consumer group, say), writing on
     * in the same log. It starts when this one has stopped; this one runs as before once started again.
     */
    public QuarkusApp withEnvironment(Map<String, String> extra) {
        Map<String, String> merged = new LinkedHashMap<>(environment);
        merged.putAll(extra);
        return new QuarkusApp(settings, module, name(), port, jvmOptions, intake, merged, true);
    }

    /**
     * Another instance of the same application on {@code port}, on the same databases and broker, in the same
     * consumer groups: replica {@code n} (2, 3, ...) as production runs several. It is called, and logs as,
     * {@code <module>-<n>}.
     */
    QuarkusApp replica(int n, int port) {
        return new QuarkusApp(settings, module, module + "-" + n, port, jvmOptions, intake, environment, false);
    }

    /** Its module's directory. */
    public String module() {
        return module;
    }

    /** Its packaged jar, which {@code ./mvnw package} builds. */
    Path runner() {
        return settings.repository().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public String url() {
        return "http://localhost:" + port;
    }

    @Override
    ChildProcess launch(Path log, boolean appendLog) throws IOException {
        Progress.say("starting " + name() + " on " + url());
        List<String> command = new ArrayList<>();
        int nice = LocalStack.intakeNice();
        if (intake && nice != 0) {
            command.addAll(List.of(NICE.toString(), "-n", String.valueOf(nice)));
        }
        command.add(ChildProcess.java());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", runner().toString()));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.putAll(environment);
        return ChildProcess.start(command, settings.repository().resolve(module), env, log, appendLog);
    }

    @Override
    boolean answers() {
        return Progress.answers(url() + "/q/health/ready");
    }
}
