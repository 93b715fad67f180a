package clinic.bfrguard.session.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;

/**
 * Clinic guidance for exercise under a band ({@code clinic.guideline.*}); above it is a deviation, not a refusal. The
 * defaults here are written nowhere else: a deployment sets a value only where the clinic differs.
 */
@ConfigMapping(prefix = "clinic.guideline")
public interface GuidelineConfig {

    /** Highest load, in % of the one-repetition maximum. */
    @WithDefault("40")
    BigDecimal maxLoadPercent();

    /** Highest perceived band pressure on the 1–10 scale. */
    @WithDefault("7")
    int maxPerceivedPressure();

    /** Most sets of one exercise in one session. */
    @WithDefault("4")
    int maxSetsPerExercise();
}
