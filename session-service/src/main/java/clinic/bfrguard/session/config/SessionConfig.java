package clinic.bfrguard.session.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bounds of one session ({@code clinic.session.*}); the default here is written nowhere else. */
@ConfigMapping(prefix = "clinic.session")
public interface SessionConfig {

    /** Most sets one session may hold; the next is refused with 409. */
    @WithDefault("200")
    int maxSets();
}
