package clinic.bfrguard.notification.channels;

import clinic.bfrguard.notification.config.NotifyConfig;
import clinic.bfrguard.notification.domain.Delivery;
import clinic.bfrguard.notification.domain.NotificationKind;
import clinic.bfrguard.notification.domain.PushSubscription;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import nl.martijndwars.webpush.AbstractPushService;
import nl.martijndwars.webpush.Encoding;
import nl.martijndwars.webpush.Notification;
import nl.martijndwars.webpush.Urgency;
import nl.martijndwars.webpush.Utils;
import org.bouncycastle.jce.interfaces.ECPublicKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Security;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Web Push (RFC 8030) to a clinician's browser or phone through its push service, the payload encrypted for the
 * browser (RFC 8291, aes128gcm) and the request signed with the service's VAPID key (RFC 8292), both by the
 * {@code web-push} library. Accepted means the push service took the message (2xx): it delivers it when the device is
 * online, within {@code clinic.notify.push.ttl}. 404 and 410 mean the subscription is gone: the device is forgotten.
 * Without VAPID keys configured, no push is offered.
 */
@ApplicationScoped
public class PushChannel implements Channel {

    private static final Set<String> RESTRICTED = Set.of("content-length", "host", "connection", "expect", "upgrade");

    private final NotifyConfig config;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Optional<Signer> signer;

    public PushChannel(NotifyConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.http = HttpTargets.client(config.push().timeout());
        NotifyConfig.Push push = config.push();
        if (push.publicKey().isPresent() != push.privateKey().isPresent()) {
            throw new IllegalStateException("clinic.notify.push.public-key and private-key are set together or not"
                    + " at all");
        }
        this.signer = push.publicKey().map(publicKey -> new Signer(publicKey, push.privateKey().get(),
                push.subject()));
    }

    /** The VAPID public key browsers subscribe with (base64url), if push is configured. */
    public Optional<String> publicKey() {
        return signer.map(s -> config.push().publicKey().get());
    }

    @Override
    public boolean sends(String channel) {
        return channel.startsWith(PushSubscription.CHANNEL_PREFIX);
    }

    @Override
    public Outcome send(Delivery delivery) {
        if (signer.isEmpty()) {
            return Outcome.refused("Web Push is not configured (clinic.notify.push.public-key)");
        }
        PushSubscription.Keys keys = delivery.target().push();
        byte[] payload;
        try {
            payload = json.writeValueAsString(PushMessages.payload(json, delivery, config.consoleUrl()))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("push payload cannot be written", e);
        }
        nl.martijndwars.webpush.HttpRequest prepared;
        try {
            ECPublicKey browserKey = (ECPublicKey) Utils.loadPublicKey(keys.p256dh());
            byte[] auth = Base64.getUrlDecoder().decode(keys.auth());
            prepared = signer.get().prepare(new Notification(delivery.address(), browserKey, auth, payload,
                    (int) config.push().ttl().toSeconds(), urgency(delivery), topic(delivery)) {
                /** The VAPID audience is the push service's origin, port included (the library drops it). */
                @Override
                public String getOrigin() {
                    URI endpoint = URI.create(getEndpoint());
                    return endpoint.getScheme() + "://" + endpoint.getHost()
                            + (endpoint.getPort() == -1 ? "" : ":" + endpoint.getPort());
                }
            });
        } catch (GeneralSecurityException | IOException | org.jose4j.lang.JoseException | RuntimeException e) {
            return Outcome.refused("push message not prepared: " + e.getClass().getSimpleName());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(prepared.getUrl()))
                .timeout(config.push().timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(prepared.getBody()));
        prepared.getHeaders().forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                request.header(name, value);
            }
        });
        String host = URI.create(delivery.address()).getHost();
        return HttpTargets.send(http, request.build(), status -> {
            String detail = "push service " + host + ": HTTP " + status;
            if (status >= 200 && status < 300) {
                return Outcome.accepted(detail);
            }
            return status == 404 || status == 410 ? Outcome.gone(detail + ", subscription gone")
                    : Outcome.refused(detail);
        });
    }

    /** A page asks the push service to wake the device now; a test or an acknowledgement may wait. */
    private static Urgency urgency(Delivery delivery) {
        return delivery.kind() == NotificationKind.TRIGGER && !delivery.test() ? Urgency.HIGH : Urgency.NORMAL;
    }

    /**
     * One topic per alert: a push service still holding an earlier message of the alert for an offline device
     * replaces it, so the device wakes to the alert's latest state, not to its history.
     */
    private static String topic(Delivery delivery) {
        return delivery.alert() == null ? null : delivery.alert().alertId().toString().replace("-", "");
    }

    /** The library's request preparation (encryption and VAPID signature), without its HTTP client. */
    private static final class Signer extends AbstractPushService<Signer> {

        Signer(String publicKey, String privateKey, String subject) {
            super(keyPair(publicKey, privateKey), subject);
        }

        nl.martijndwars.webpush.HttpRequest prepare(Notification notification)
                throws GeneralSecurityException, IOException, org.jose4j.lang.JoseException {
            return prepareRequest(notification, Encoding.AES128GCM);
        }

        private static KeyPair keyPair(String publicKey, String privateKey) {
            if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
                Security.addProvider(new BouncyCastleProvider());
            }
            try {
                KeyPair pair = new KeyPair(Utils.loadPublicKey(publicKey),
                        Utils.loadPrivateKey(privateKey));
                if (!Utils.verifyKeyPair(pair.getPrivate(), pair.getPublic())) {
                    throw new IllegalStateException("clinic.notify.push.public-key does not belong to private-key");
                }
                return pair;
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IllegalStateException("clinic.notify.push keys are not base64url P-256 VAPID keys", e);
            }
        }
    }
}
