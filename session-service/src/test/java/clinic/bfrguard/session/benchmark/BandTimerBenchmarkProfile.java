package clinic.bfrguard.session.benchmark;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Band limits long enough for 10,000 bands to be applied before the first runs out, short enough that the run takes
 * a few minutes; arms and thighs differ so that deadlines are staggered twice over.
 */
public class BandTimerBenchmarkProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "clinic.band.max-continuous", "PT40S",
                "clinic.band.max-continuous-arm", "PT30S",
                "clinic.band.warn-before", "PT10S",
                // Per-request INFO lines would measure the console, not the timer; overrun WARN lines stay.
                "quarkus.log.category.\"clinic.bfrguard.session\".level", "WARN",
                "quarkus.datasource.jdbc.max-size", "30",
                // eight clients apply the bands as one physiotherapist, far faster than the per-user limit allows
                "clinic.ratelimit.writes-per-minute", "1000000");
    }
}
