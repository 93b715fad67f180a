package clinic.bfrguard.notification.domain;

import clinic.bfrguard.common.domain.InvalidInput;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactPointsTests {

    private static Webhook hook(String name, String url, WebhookFormat format, String key) {
        return new Webhook(name, url, format, key);
    }

    @Test
    void validContactPointsAreKeptWithEmailFirstAmongTheChannels() {
        ContactPoints contacts = ContactPoints.validated(contacts(" clinician1@clinic.example ", List.of(
                hook("pager", "https://events.pagerduty.com/v2/enqueue", WebhookFormat.PAGERDUTY, "KEY"),
                hook("ops", "https://hooks.clinic.example/bfr", WebhookFormat.CLOUDEVENTS, null))), false);

        assertThat(contacts.email()).isEqualTo("clinician1@clinic.example");
        assertThat(contacts.channels()).containsExactly("email", "webhook:pager", "webhook:ops");
    }

    @Test
    void aMalformedEmailIsRefused() {
        assertThatThrownBy(() -> ContactPoints.validated(contacts("clinician1.clinic.example", null), false))
                .isInstanceOf(InvalidInput.class).hasMessage("email: 'clinician1.clinic.example' is not an e-mail address");
        assertThatThrownBy(() -> ContactPoints.validated(contacts("a b@clinic.example", null), false))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void aWebhookTargetMustBeHttpsUnlessHttpIsAllowed() {
        ContactPoints plain = contacts(null, List.of(hook("ops", "http://hooks.clinic.example/bfr",
                WebhookFormat.CLOUDEVENTS, null)));

        assertThatThrownBy(() -> ContactPoints.validated(plain, false)).isInstanceOf(InvalidInput.class)
                .hasMessageStartingWith("webhooks[0].url: must be https");
        assertThat(ContactPoints.validated(plain, true).webhooks()).hasSize(1);
    }

    @Test
    void malformedWebhooksAreRefusedNamingTheField() {
        assertThatThrownBy(() -> ContactPoints.validated(contacts(null, List.of(hook("ops", "not a url",
                WebhookFormat.CLOUDEVENTS, null))), false)).hasMessageStartingWith("webhooks[0].url:");
        assertThatThrownBy(() -> ContactPoints.validated(contacts(null, List.of(hook("ops",
                "https://user:secret@hooks.clinic.example", WebhookFormat.CLOUDEVENTS, null))), false))
                .hasMessage("webhooks[0].url: must not carry credentials");
        assertThatThrownBy(() -> ContactPoints.validated(contacts(null, List.of(hook("Ops Team",
                "https://hooks.clinic.example", WebhookFormat.CLOUDEVENTS, null))), false))
                .hasMessageStartingWith("webhooks[0].name:");
        assertThatThrownBy(() -> ContactPoints.validated(contacts(null, List.of(
                hook("ops", "https://a.clinic.example", WebhookFormat.CLOUDEVENTS, null),
                hook("ops", "https://b.clinic.example", WebhookFormat.CLOUDEVENTS, null))), false))
                .hasMessage("webhooks[1].name: 'ops' twice");
        assertThatThrownBy(() -> ContactPoints.validated(contacts(null, List.of(hook("pd",
                "https://events.pagerduty.com/v2/enqueue", WebhookFormat.PAGERDUTY, " "))), false))
                .hasMessageStartingWith("webhooks[0].routingKey: required for PAGERDUTY");
        assertThatThrownBy(() -> ContactPoints.validated(contacts(null, List.of(hook("ops",
                "https://hooks.clinic.example", null, null))), false))
                .hasMessageStartingWith("webhooks[0].format: required");
    }

    @Test
    void noneAtAllIsEmpty() {
        assertThat(ContactPoints.validated(contacts("  ", null), false).isEmpty()).isTrue();
    }

    private static ContactPoints contacts(String email, List<Webhook> webhooks) {
        return new ContactPoints(email, webhooks, List.of());
    }
}
