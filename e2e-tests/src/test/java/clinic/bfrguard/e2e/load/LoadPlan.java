package clinic.bfrguard.e2e.load;

import java.time.Duration;

/**
 * What the load run does, from system properties: {@code bfr.load.warmup}, {@code bfr.load.duration},
 * {@code bfr.load.paced-duration}, {@code bfr.load.paced-share}, {@code bfr.load.users},
 * {@code bfr.load.patients-per-user} and {@code bfr.load.held-band-users}; then, unless
 * {@code bfr.load.replica-duration} is zero, a second replica of the session- and alert-service each, a warm-up of
 * {@code bfr.load.replica-warmup} and a capacity phase of {@code bfr.load.replica-duration} with the users spread
 * over both session-service replicas.
 */
record LoadPlan(Duration warmup, Duration duration, Duration pacedDuration, double pacedShare, int users,
        int patientsPerUser, int heldBandUsers, Duration replicaWarmup, Duration replicaDuration) {

    static LoadPlan fromSystemProperties() {
        return new LoadPlan(
                Duration.parse(System.getProperty("bfr.load.warmup", "PT30S")),
                Duration.parse(System.getProperty("bfr.load.duration", "PT60S")),
                Duration.parse(System.getProperty("bfr.load.paced-duration", "PT60S")),
                Double.parseDouble(System.getProperty("bfr.load.paced-share", "0.5")),
                Integer.getInteger("bfr.load.users", 24),
                Integer.getInteger("bfr.load.patients-per-user", 4),
                Integer.getInteger("bfr.load.held-band-users", 2),
                Duration.parse(System.getProperty("bfr.load.replica-warmup", "PT20S")),
                Duration.parse(System.getProperty("bfr.load.replica-duration", "PT60S")));
    }
}
