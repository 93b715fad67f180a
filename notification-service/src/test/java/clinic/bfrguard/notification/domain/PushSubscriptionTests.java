package clinic.bfrguard.notification.domain;

import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushSubscriptionTests {

    private static final String ENDPOINT = "https://fcm.googleapis.com/fcm/send/dQw4w9WgXcQ:APA91b";
    private static final String AUTH = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]);

    /** A browser's public key: a fresh P-256 point, uncompressed, base64url. */
    private static String browserKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        ECPublicKey key = (ECPublicKey) generator.generateKeyPair().getPublic();
        byte[] point = new byte[65];
        point[0] = 4;
        copy(key.getW().getAffineX().toByteArray(), point, 1);
        copy(key.getW().getAffineY().toByteArray(), point, 33);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(point);
    }

    private static void copy(byte[] value, byte[] into, int at) {
        int length = Math.min(value.length, 32);
        System.arraycopy(value, value.length - length, into, at + 32 - length, length);
    }

    private static ContactPoints withPush(PushSubscription... push) {
        return new ContactPoints(null, List.of(), List.of(push));
    }

    private static PushSubscription subscription(String endpoint, String p256dh, String auth, String device) {
        return new PushSubscription(endpoint, null, new PushSubscription.Keys(p256dh, auth), device);
    }

    @Test
    void aBrowsersSubscriptionIsItsOwnChannelNamedByItsEndpoint() throws Exception {
        ContactPoints contacts = ContactPoints.validated(withPush(subscription(ENDPOINT, browserKey(), AUTH,
                "  Chrome on Android ")), false);

        PushSubscription saved = contacts.push().get(0);
        assertThat(saved.device()).isEqualTo("Chrome on Android");
        assertThat(saved.channel()).matches("push:[0-9a-f]{12}").isEqualTo(PushSubscription.channelOf(ENDPOINT));
        assertThat(contacts.channels()).containsExactly(saved.channel());
        assertThat(contacts.isEmpty()).isFalse();
        assertThat(PushSubscription.channelOf(ENDPOINT + "x")).isNotEqualTo(saved.channel());
        assertThat(contacts.withoutPush(ENDPOINT).isEmpty()).isTrue();
    }

    @Test
    void keysABrowserWouldNotHaveMadeAreRefusedByField() throws Exception {
        String key = browserKey();
        byte[] offCurve = Base64.getUrlDecoder().decode(key);
        offCurve[64] ^= 1;
        String bent = Base64.getUrlEncoder().withoutPadding().encodeToString(offCurve);

        assertThatThrownBy(() -> ContactPoints.validated(withPush(subscription(ENDPOINT, bent, AUTH, null)), false))
                .hasMessageStartingWith("push[0].keys.p256dh: not an uncompressed P-256 public key");
        assertThatThrownBy(() -> ContactPoints.validated(withPush(subscription(ENDPOINT, "not*base64", AUTH, null)),
                false)).hasMessageStartingWith("push[0].keys.p256dh: not base64url");
        assertThatThrownBy(() -> ContactPoints.validated(withPush(subscription(ENDPOINT, key, "AAAA", null)), false))
                .hasMessageStartingWith("push[0].keys.auth: must be 16 bytes");
        assertThatThrownBy(() -> ContactPoints.validated(withPush(new PushSubscription(ENDPOINT, null, null, null)),
                false)).hasMessageStartingWith("push[0].keys: required");
        assertThatThrownBy(() -> ContactPoints.validated(withPush(subscription(ENDPOINT, key, AUTH, "x".repeat(101))),
                false)).hasMessageStartingWith("push[0].device: at most 100 characters");
    }

    @Test
    void aPushServiceIsReachedOverHttpsOnlyAndEachDeviceOnce() throws Exception {
        String key = browserKey();
        assertThatThrownBy(() -> ContactPoints.validated(withPush(subscription("http://push.example/x", key, AUTH,
                null)), false)).hasMessageStartingWith("push[0].endpoint: must be https");
        assertThat(ContactPoints.validated(withPush(subscription("http://127.0.0.1:9/x", key, AUTH, null)), true)
                .push()).hasSize(1);
        assertThatThrownBy(() -> ContactPoints.validated(withPush(subscription(ENDPOINT, key, AUTH, null),
                subscription(ENDPOINT, key, AUTH, "again")), false))
                .hasMessageStartingWith("push[1].endpoint: this device twice");

        List<PushSubscription> many = new ArrayList<>();
        for (int i = 0; i <= ContactPoints.MAX_PUSH; i++) {
            many.add(subscription(ENDPOINT + i, key, AUTH, null));
        }
        assertThatThrownBy(() -> ContactPoints.validated(withPush(many.toArray(PushSubscription[]::new)), false))
                .hasMessageStartingWith("push: at most 10 devices");
    }
}
