package clinic.bfrguard.common.sites;

import clinic.bfrguard.common.domain.InvalidInput;
import io.quarkus.arc.Unremovable;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The sites of the caller of this request, from the access token's {@value Sites#CLAIM} claim. A record of another
 * site is, to this caller, a record that does not exist.
 */
@RequestScoped
@Unremovable
public class CallerSites {

    private final Set<String> sites;

    public CallerSites(SecurityIdentity identity, SitesConfig config) {
        this.sites = Sites.fromClaim(claim(identity), config.defaultSite());
    }

    /** Every site the caller belongs to; never empty. */
    public Set<String> all() {
        return sites;
    }

    public boolean includes(String site) {
        return sites.contains(site);
    }

    /**
     * The site of a record the caller creates: the one they asked for, or their only site when they named none.
     *
     * @throws InvalidInput when a user of several sites names none, or the name is not a site name
     * @throws SiteForbidden when the caller does not belong to the site named
     */
    public String forNewRecord(String requested) {
        if (requested == null || requested.isBlank()) {
            if (sites.size() == 1) {
                return sites.iterator().next();
            }
            throw new InvalidInput("site: required for a user of several sites, one of " + sites);
        }
        if (!Sites.isValid(requested)) {
            throw new InvalidInput("site: " + Sites.MESSAGE);
        }
        if (!sites.contains(requested)) {
            throw new SiteForbidden(requested);
        }
        return requested;
    }

    private static Collection<String> claim(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return null;
        }
        Object claim = token.getClaim(Sites.CLAIM);
        if (claim instanceof Collection<?> values) {
            List<String> names = new ArrayList<>();
            for (Object value : values) {
                names.add(value instanceof JsonString text ? text.getString()
                        : value instanceof JsonValue ? null : String.valueOf(value));
            }
            return names;
        }
        if (claim instanceof JsonString text) {
            return List.of(text.getString());
        }
        return claim instanceof String text ? List.of(text) : null;
    }
}
