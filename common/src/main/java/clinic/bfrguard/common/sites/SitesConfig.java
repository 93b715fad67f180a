package clinic.bfrguard.common.sites;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The clinic group's sites ({@code clinic.sites.*}). */
@ConfigMapping(prefix = "clinic.sites")
public interface SitesConfig {

    /**
     * The site of a user whose token names none, and of every record made before the installation had sites: a
     * single-site clinic configures nothing and all its records and users share this one site.
     */
    @WithName("default")
    @WithDefault("main")
    String defaultSite();
}
