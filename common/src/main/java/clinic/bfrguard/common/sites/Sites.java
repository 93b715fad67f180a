package clinic.bfrguard.common.sites;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a site is named and how a token's {@code sites} claim reads. Keycloak puts a user's group paths in the claim
 * ({@code /sites/north}); a site named directly ({@code north}) reads the same, and groups outside {@code /sites/}
 * are not sites.
 */
public final class Sites {

    public static final String PATTERN = "^[a-z0-9][a-z0-9-]{0,39}$";
    public static final String MESSAGE = "must be a site name: 1 to 40 lower-case letters, digits or '-'";
    public static final String CLAIM = "sites";
    static final String GROUP_PREFIX = "/sites/";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    private Sites() {
    }

    public static boolean isValid(String site) {
        return site != null && COMPILED.matcher(site).matches();
    }

    /**
     * The sites a claim names, in claim order; {@code defaultSite} alone when it names none (no claim, an empty
     * one, or only groups that are not sites).
     */
    public static Set<String> fromClaim(Collection<String> claim, String defaultSite) {
        Set<String> sites = new LinkedHashSet<>();
        if (claim != null) {
            for (String entry : claim) {
                String site = siteOf(entry);
                if (site != null) {
                    sites.add(site);
                }
            }
        }
        return sites.isEmpty() ? Set.of(defaultSite) : Collections.unmodifiableSet(sites);
    }

    /**
     * The site an incoming event names: {@code defaultSite} for an event from before sites, which names none.
     *
     * @throws IllegalArgumentException when the event names something that is not a site
     */
    public static String ofEvent(String site, String defaultSite) {
        if (site == null) {
            return defaultSite;
        }
        if (!isValid(site)) {
            throw new IllegalArgumentException("the event's site " + MESSAGE);
        }
        return site;
    }

    private static String siteOf(String entry) {
        if (entry == null) {
            return null;
        }
        String name = entry.startsWith(GROUP_PREFIX) ? entry.substring(GROUP_PREFIX.length()) : entry;
        return isValid(name) ? name : null;
    }
}
