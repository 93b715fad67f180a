package clinic.bfrguard.common.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Each user's write allowance: {@code perMinute} writes in a row, coming back evenly over a minute (a token bucket
 * per user). A user who spent it waits for the next write to come back; other users are not affected. The
 * allowance is per instance, kept in memory: the users are the clinic realm's staff, so the buckets are few.
 */
public final class WriteRates {

    private final int perMinute;
    private final TimeMeter time;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public WriteRates(int perMinute) {
        this(perMinute, TimeMeter.SYSTEM_NANOTIME);
    }

    WriteRates(int perMinute, TimeMeter time) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("at least one write a minute, not " + perMinute);
        }
        this.perMinute = perMinute;
        this.time = time;
    }

    /** Takes one write from {@code user}'s allowance; {@link TooManyWrites} when it is spent. */
    public void take(String user) {
        ConsumptionProbe probe = buckets.computeIfAbsent(user, u -> bucket()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new TooManyWrites(perMinute, retryAfterSeconds(probe.getNanosToWaitForRefill()));
        }
    }

    /** Whole seconds, rounded up: a client that waits that long finds its next write allowed. */
    static long retryAfterSeconds(long nanos) {
        return Math.max(1, (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }

    private Bucket bucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .withCustomTimePrecision(time)
                .build();
    }
}
