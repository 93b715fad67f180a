package clinic.bfrguard.e2e.load;

import java.time.Duration;

/**
 * What the load run does, from system properties: {@code bfr.load.warmup}, {@code bfr.load.duration},
 * {@code bfr.load.paced-duration}, {@code bfr.load.paced-share}, {@code bfr.load.users},
 * {@code bfr.load.patients-per-user} and {@code bfr.load.held-band-users}.
 */
record LoadPlan(Duration warmup, Duration duration, Duration pacedDuration, double pacedShare, int users,
        int patientsPerUser, int heldBandUsers) {

    static LoadPlan fromSystemProperties() {
        return new LoadPlan(
                Duration.parse(System.getProperty("bfr.load.warmup", "PT30S")),
                Duration.parse(System.getProperty("bfr.load.duration", "PT60S")),
                Duration.parse(System.getProperty("bfr.load.paced-duration", "PT60S")),
                Double.parseDouble(System.getProperty("bfr.load.paced-share", "0.5")),
                Integer.getInteger("bfr.load.users", 24),
                Integer.getInteger("bfr.load.patients-per-user", 4),
                Integer.getInteger("bfr.load.held-band-users", 2));
    }
}
