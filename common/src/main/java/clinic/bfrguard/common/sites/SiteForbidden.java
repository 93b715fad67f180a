package clinic.bfrguard.common.sites;

/** A change asked for at a site the caller does not belong to (answered 403). */
public class SiteForbidden extends RuntimeException {

    public SiteForbidden(String site) {
        super("you do not belong to site " + site);
    }
}
