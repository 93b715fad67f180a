package clinic.bfrguard.session.config;

import clinic.bfrguard.common.concurrent.WriteLimit;
import clinic.bfrguard.session.domain.BandPolicy;
import clinic.bfrguard.session.domain.ExerciseCatalogue;
import clinic.bfrguard.session.domain.GuidelinePolicy;
import clinic.bfrguard.session.domain.SetsPerSession;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the plain-Java rules from configuration; a policy that makes no sense stops the service at start. */
@ApplicationScoped
public class PolicyProducer {

    @Produces
    @Singleton
    BandPolicy bandPolicy(BandConfig config) {
        return new BandPolicy(config.maxContinuous(), config.maxContinuousArm().orElse(config.maxContinuous()),
                config.warnBefore(), config.reperfusion());
    }

    @Produces
    @Singleton
    GuidelinePolicy guidelinePolicy(GuidelineConfig config) {
        return new GuidelinePolicy(config.maxLoadPercent(), config.maxPerceivedPressure(),
                config.maxSetsPerExercise());
    }

    /** Built at start, so that a catalogue with a bad code stops the service before it takes a set. */
    @Produces
    @Singleton
    @Startup
    ExerciseCatalogue exerciseCatalogue(ExerciseConfig config) {
        return new ExerciseCatalogue(config.codes());
    }

    @Produces
    @Singleton
    @Startup
    SetsPerSession setsPerSession(SessionConfig config) {
        return new SetsPerSession(config.maxSets());
    }

    /** One limit for the whole instance: every session change waits its turn under it. */
    @Produces
    @Singleton
    WriteLimit intakeLimit(IntakeConfig config) {
        return new WriteLimit(config.maxConcurrentWrites(), config.maxWait());
    }
}
