package clinic.bfrguard.session.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Clinic policy for bands ({@code clinic.band.*}). The defaults here are the clinic guidance and are written nowhere
 * else: a deployment sets a value only where the clinic differs.
 */
@ConfigMapping(prefix = "clinic.band")
public interface BandConfig {

    /** Longest a band may stay on continuously. */
    @WithDefault("PT20M")
    Duration maxContinuous();

    /** Longest a band may stay on an arm; when absent, {@link #maxContinuous()} applies to arms too. */
    Optional<Duration> maxContinuousArm();

    /** How long before the deadline the warning is raised. */
    @WithDefault("PT5M")
    Duration warnBefore();

    /** Least time a limb must be free of a band before it is banded again. */
    @WithDefault("PT3M")
    Duration reperfusion();

    /**
     * Safety-net sweep for due warnings and overruns. The in-memory timer raises them on time; the sweep covers
     * bands applied through another replica and a timer that missed its moment.
     */
    @WithDefault("1s")
    Duration sweepInterval();

    /** Most warnings or overruns raised in one transaction. */
    @WithDefault("500")
    int raiseBatchSize();
}
