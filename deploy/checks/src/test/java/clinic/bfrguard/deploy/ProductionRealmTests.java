package clinic.bfrguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The production realm's account security: who logged in and what administrators changed is recorded and kept,
 * passwords are long and not reused, staff sign in with a second factor they cannot remove themselves, and guessing
 * passwords locks an account. (The Kubernetes copy of the realm is checked to be the same file elsewhere.)
 */
class ProductionRealmTests {

    private static final long ONE_YEAR = 365L * 24 * 3600;

    private static JsonNode realm() throws Exception {
        return Yaml.MAPPER.readTree(Files.readString(Repository.file("deploy/keycloak/production/clinic-realm.json")));
    }

    @Test
    void loginAndAdminEventsAreRecordedAndKeptForAYear() throws Exception {
        JsonNode realm = realm();
        assertThat(realm.path("eventsEnabled").asBoolean()).as("eventsEnabled").isTrue();
        assertThat(realm.path("eventsExpiration").asLong()).as("eventsExpiration (seconds)").isEqualTo(ONE_YEAR);
        assertThat(realm.path("adminEventsEnabled").asBoolean()).as("adminEventsEnabled").isTrue();
        assertThat(realm.path("adminEventsDetailsEnabled").asBoolean()).as("adminEventsDetailsEnabled").isTrue();
        assertThat(realm.at("/attributes/adminEventsExpiration").asText()).as("adminEventsExpiration (seconds)")
                .isEqualTo(Long.toString(ONE_YEAR));
        assertThat(realm.has("enabledEventTypes")).as("every event type is recorded (no enabledEventTypes list)")
                .isFalse();
    }

    @Test
    void passwordsAreLongNotTheUserNameAndNotReused() throws Exception {
        List<String> policies = List.of(realm().path("passwordPolicy").asText().split("\\s+and\\s+"));
        assertThat(policies).contains("length(12)", "notUsername", "passwordHistory(5)");
    }

    @Test
    void everyNewUserSetsUpOtpAndCannotRemoveIt() throws Exception {
        JsonNode configureTotp = requiredAction("CONFIGURE_TOTP");
        assertThat(configureTotp.path("enabled").asBoolean()).as("CONFIGURE_TOTP enabled").isTrue();
        assertThat(configureTotp.path("defaultAction").asBoolean())
                .as("CONFIGURE_TOTP is a default action: every user created gets it").isTrue();
        assertThat(requiredAction("delete_credential").path("enabled").asBoolean())
                .as("delete_credential (a user removing their own OTP in the account console)").isFalse();
        assertThat(realm().has("authenticationFlows"))
                .as("no flows of its own: the import then keeps Keycloak's, whose browser flow asks for the OTP")
                .isFalse();
    }

    @Test
    void theImportKeepsEveryRequiredActionKeycloakNeeds() throws Exception {
        // a realm file that lists required actions replaces Keycloak's defaults with that list
        List<String> aliases = new ArrayList<>();
        realm().path("requiredActions").forEach(action -> aliases.add(action.path("alias").asText()));
        assertThat(aliases).contains("CONFIGURE_TOTP", "UPDATE_PASSWORD", "UPDATE_PROFILE", "VERIFY_EMAIL",
                "VERIFY_PROFILE", "webauthn-register", "update_user_locale");
        assertThat(requiredAction("UPDATE_PASSWORD").path("enabled").asBoolean()).as("UPDATE_PASSWORD").isTrue();
    }

    @Test
    void bruteForceDetectionStaysOn() throws Exception {
        JsonNode realm = realm();
        assertThat(realm.path("bruteForceProtected").asBoolean()).as("bruteForceProtected").isTrue();
        assertThat(realm.path("failureFactor").asInt()).as("failed logins before a lockout").isBetween(1, 10);
        assertThat(realm.path("sslRequired").asText()).isEqualTo("all");
    }

    @Test
    void aRefreshTokenServesOnceAndTheRefreshBringsTheNext() throws Exception {
        JsonNode realm = realm();
        assertThat(realm.path("revokeRefreshToken").asBoolean()).as("revokeRefreshToken").isTrue();
        assertThat(realm.path("refreshTokenMaxReuse").asInt(-1)).as("refreshTokenMaxReuse").isZero();
    }

    private static JsonNode requiredAction(String alias) throws Exception {
        for (JsonNode action : realm().path("requiredActions")) {
            if (alias.equals(action.path("alias").asText())) {
                return action;
            }
        }
        throw new AssertionError("the production realm has no required action " + alias);
    }
}
