package clinic.bfrguard.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One part of the local stack (the broker, the database, Keycloak, a service, the web console): started, awaited
 * until it answers, and stopped the same way whatever it is, so that the stack and anyone who takes a part down
 * and brings it back need no code of their own per part.
 */
public interface Component {

    /** How the stack and its logs call it: {@code kafka}, {@code postgres}, {@code keycloak}, or the module's name. */
    String name();

    /**
     * Starts it on its fixed ports and data directory and returns without waiting for it to answer. Started again
     * after {@link #stop()}, it keeps its data and adds to its log.
     */
    void start() throws IOException, InterruptedException;

    /**
     * Waits until it answers and returns how long it took since {@link #start()}; fails when it does not answer
     * within {@code timeout} or its process ends meanwhile.
     */
    Duration awaitReady(Duration timeout);

    /**
     * What it may need to become ready: generous, for on a two-core machine shared with builds a Quarkus service has
     * been seen to need over 100 s.
     */
    default Duration readyTimeout() {
        return Duration.ofMinutes(4);
    }

    /** True while its process is alive. */
    boolean running();

    /** Stops it as an operator would (gently, then firmly); its data stays. Nothing happens when it is not running. */
    void stop();

    /** The operating-system id of its main process. */
    long pid() throws IOException;

    /** Its output; it holds every run within one stack. */
    Path log();
}
