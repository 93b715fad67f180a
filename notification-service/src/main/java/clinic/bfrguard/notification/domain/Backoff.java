package clinic.bfrguard.notification.domain;

import java.time.Duration;

/** How long a failed notification waits before its next attempt: doubling from {@code initial} up to {@code max}. */
public final class Backoff {

    private Backoff() {
    }

    /** The wait after the {@code attempts}-th failed attempt (1 for the first failure). */
    public static Duration after(int attempts, Duration initial, Duration max) {
        long factor = 1L << Math.min(Math.max(0, attempts - 1), 30);
        long millis = initial.toMillis() * factor;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
