package clinic.bfrguard.common.sites;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SitesTests {

    @Test
    void keycloakGroupPathsNameTheirSites() {
        assertThat(Sites.fromClaim(List.of("/sites/north", "/sites/south"), "main")).containsExactly("north", "south");
    }

    @Test
    void plainSiteNamesReadTheSame() {
        assertThat(Sites.fromClaim(List.of("north"), "main")).containsExactly("north");
    }

    @Test
    void groupsOutsideSitesAreNotSites() {
        assertThat(Sites.fromClaim(List.of("/staff", "/sites/north", "/sites/north/ward-2"), "main"))
                .containsExactly("north");
    }

    @Test
    void aTokenWithoutSitesBelongsToTheDefaultSite() {
        assertThat(Sites.fromClaim(null, "main")).containsExactly("main");
        assertThat(Sites.fromClaim(List.of(), "main")).containsExactly("main");
        assertThat(Sites.fromClaim(Arrays.asList("/staff", null, "Not A Site!"), "main")).containsExactly("main");
    }

    @Test
    void siteNamesAreShortLowerCaseWords() {
        assertThat(Sites.isValid("north")).isTrue();
        assertThat(Sites.isValid("site-2")).isTrue();
        assertThat(Sites.isValid("North")).isFalse();
        assertThat(Sites.isValid("-north")).isFalse();
        assertThat(Sites.isValid("")).isFalse();
        assertThat(Sites.isValid("a".repeat(41))).isFalse();
    }
}
