package clinic.bfrguard.common.ratelimit;

/** A user spent the write allowance: answered 429 with {@code Retry-After}. */
public final class TooManyWrites extends RuntimeException {

    private final long retryAfterSeconds;

    public TooManyWrites(int perMinute, long retryAfterSeconds) {
        super("more than " + perMinute + " changes a minute by one user; try again in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Whole seconds until the next write is allowed, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
