package clinic.bfrguard.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** A component that is one child process of the stack: what differs is how it is launched and how it answers. */
abstract class ProcessComponent implements Component {

    private final String name;
    private final String title;
    private final Path log;
    private boolean startedBefore;
    private ChildProcess process;
    private long startedAt;

    /**
     * {@code title} names it in what the stack prints; {@code startedBefore} is true for a component that takes over
     * from an earlier one of the same name, so that the log keeps what that one wrote.
     */
    ProcessComponent(String name, String title, Path log, boolean startedBefore) {
        this.name = name;
        this.title = title;
        this.log = log;
        this.startedBefore = startedBefore;
    }

    /** Starts the process, its output into {@code log}, appended to what is there when {@code appendLog}. */
    abstract ChildProcess launch(Path log, boolean appendLog) throws IOException, InterruptedException;

    /** True when it answers as a client expects. */
    abstract boolean answers();

    /** Said after "ready (n s)" when it becomes ready. */
    String readyNote() {
        return "";
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void start() throws IOException, InterruptedException {
        if (running()) {
            throw new IllegalStateException(title + " is running already");
        }
        startedAt = System.nanoTime();
        process = launch(log, startedBefore);
        startedBefore = true;
    }

    @Override
    public final Duration awaitReady(Duration timeout) {
        if (process == null) {
            throw new IllegalStateException(title + " was not started");
        }
        Progress.await(title, timeout, process.process(), this::answers);
        Duration took = Duration.ofNanos(System.nanoTime() - startedAt);
        Progress.say(title + " ready (" + Progress.seconds(took) + ")" + readyNote());
        return took;
    }

    @Override
    public final boolean running() {
        return process != null && process.alive();
    }

    @Override
    public final void stop() {
        if (process != null) {
            process.stop();
        }
    }

    @Override
    public final long pid() {
        if (process == null) {
            throw new IllegalStateException(title + " was not started");
        }
        return process.pid();
    }

    @Override
    public final Path log() {
        return log;
    }
}
