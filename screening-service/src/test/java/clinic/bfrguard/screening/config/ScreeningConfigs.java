package clinic.bfrguard.screening.config;

import clinic.bfrguard.screening.domain.ScreeningPolicy;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.util.Map;

/**
 * The screening policy as the service builds it from {@link ScreeningConfig}, without Quarkus: unit tests see the
 * mapping's own defaults and property names, so no test keeps a copy of the clinic guidance.
 */
public final class ScreeningConfigs {

    private ScreeningConfigs() {
    }

    /** The policy with nothing configured. */
    public static ScreeningPolicy defaults() {
        return policy(Map.of());
    }

    /** The policy with these properties (e.g. {@code clinic.screening.points.PREGNANCY=5}) over the defaults. */
    public static ScreeningPolicy policy(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test properties", 300))
                .withMapping(ScreeningConfig.class)
                .build();
        return config.getConfigMapping(ScreeningConfig.class).policy();
    }
}
