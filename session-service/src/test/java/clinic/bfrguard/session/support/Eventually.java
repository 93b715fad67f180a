package clinic.bfrguard.session.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for something that happens asynchronously (an event consumed, a timer fired). */
public final class Eventually {

    private Eventually() {
    }

    /** Polls {@code check} until it returns true or {@code timeout} passes; returns the last answer. */
    public static boolean within(Duration timeout, Supplier<Boolean> check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (Boolean.TRUE.equals(check.get())) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
