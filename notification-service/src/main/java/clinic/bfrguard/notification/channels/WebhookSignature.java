package clinic.bfrguard.notification.channels;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The signature of a webhook: HMAC-SHA256 with the clinic's signing key over {@code <timestamp>.<body>}, hex, as
 * {@code sha256=<hex>} in {@value #SIGNATURE_HEADER}; the timestamp (Unix seconds) in {@value #TIMESTAMP_HEADER}.
 * A receiver recomputes it and refuses a mismatch, and a timestamp older than a few minutes (a replay).
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-BFR-Guard-Signature";
    public static final String TIMESTAMP_HEADER = "X-BFR-Guard-Timestamp";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private WebhookSignature() {
    }

    public static String sign(String key, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
