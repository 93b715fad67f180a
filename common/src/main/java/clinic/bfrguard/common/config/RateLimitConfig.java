package clinic.bfrguard.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How many writes one user may make ({@code clinic.ratelimit.*}); read by the per-user write rate limit. */
@ConfigMapping(prefix = "clinic.ratelimit")
public interface RateLimitConfig {

    /**
     * Writes one user may make in a row, coming back evenly over a minute. A busy physiotherapist running two
     * patients at once makes a few writes a minute (start, bands, sets, release, complete) and a double-tapped
     * button a couple more; 120 is far beyond that, yet holds a script running with a stolen or misused token to
     * two writes a second per instance.
     */
    @WithDefault("120")
    int writesPerMinute();
}
