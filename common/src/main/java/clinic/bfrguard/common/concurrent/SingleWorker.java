package clinic.bfrguard.common.concurrent;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A named daemon thread that runs one task at a time, for background loops (outbox relay, change feed) whose work
 * must never overlap with itself and must not keep the JVM alive.
 */
public final class SingleWorker {

    private SingleWorker() {
    }

    public static ExecutorService start(String name) {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Lets queued work finish for at most {@code grace}, then gives up on it. */
    public static void stop(ExecutorService worker, Duration grace) {
        if (worker == null) {
            return;
        }
        worker.shutdown();
        try {
            worker.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
