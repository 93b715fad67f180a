package clinic.bfrguard.testing;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for an outcome that happens after the request that caused it: an event consumed, a timer fired, an alert
 * escalated, an entry written. Every module's tests wait the same way, with the same patience.
 */
public final class Waiting {

    /** Long enough for a loaded two-core build machine; a healthy service answers in well under a second. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** Short, so that a test goes on as soon as the outcome is there. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private Waiting() {
    }

    /**
     * An Awaitility condition with the suite's settings. It asks at once (an outcome already there costs no wait)
     * and on the test's own thread, so that the probe runs with the test's identity and a slow probe is let finish.
     */
    public static ConditionFactory await(String what, Duration timeout) {
        return Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL_INTERVAL)
                .pollInSameThread();
    }

    /** Asks {@code probe} until {@code done} accepts its answer, and returns that answer. */
    public static <T> T until(String what, Supplier<T> probe, Predicate<? super T> done) {
        return until(what, TIMEOUT, probe, done, String::valueOf);
    }

    public static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<? super T> done) {
        return until(what, timeout, probe, done, String::valueOf);
    }

    /** The same, with {@code describe} telling what the last answer was when the wait times out. */
    public static <T> T until(String what, Supplier<T> probe, Predicate<? super T> done,
            Function<? super T, String> describe) {
        return until(what, TIMEOUT, probe, done, describe);
    }

    public static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<? super T> done,
            Function<? super T, String> describe) {
        AtomicReference<T> last = new AtomicReference<>();
        try {
            return await(what, timeout).until(() -> {
                T answer = probe.get();
                last.set(answer);
                return answer;
            }, done::test);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("waited " + timeout + " for " + what + "; last seen: "
                    + describe.apply(last.get()), e);
        }
    }

    /** Waits until {@code condition} holds. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, TIMEOUT, condition);
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, condition::getAsBoolean, Boolean.TRUE::equals);
    }
}
