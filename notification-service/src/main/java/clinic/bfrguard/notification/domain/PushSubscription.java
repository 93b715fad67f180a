package clinic.bfrguard.notification.domain;

import clinic.bfrguard.common.domain.InvalidInput;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * One browser's Web Push subscription, as the browser's {@code PushSubscription.toJSON()} gives it (the push
 * service's endpoint, the browser's P-256 public key and auth secret), with a label its owner recognises the device
 * by. Each subscription is its own channel, {@code push:<12 hex digits of the endpoint's SHA-256>}.
 */
public record PushSubscription(String endpoint, Long expirationTime, Keys keys, String device) {

    public static final String CHANNEL_PREFIX = "push:";
    public static final int MAX_DEVICE = 100;

    /** The browser's keys, base64url: {@code p256dh} an uncompressed P-256 point, {@code auth} 16 bytes. */
    public record Keys(String p256dh, String auth) {
    }

    // P-256 (secp256r1): y^2 = x^3 + ax + b over the prime field p
    private static final BigInteger P = new BigInteger(
            "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
    private static final BigInteger A = P.subtract(BigInteger.valueOf(3));
    private static final BigInteger B = new BigInteger(
            "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16);

    public String channel() {
        return channelOf(endpoint);
    }

    public static String channelOf(String endpoint) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(endpoint.getBytes(StandardCharsets.UTF_8));
            return CHANNEL_PREFIX + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * The subscription checked: an endpoint that {@link ContactPoints} accepts as a target, a {@code p256dh} that is
     * a point on P-256 and an {@code auth} secret of 16 bytes, both base64url; the label trimmed. The browser made
     * them, so a failure here means a page that was not a browser's, or a copy gone wrong.
     */
    static PushSubscription validated(PushSubscription input, String field, boolean allowHttp) {
        if (input == null) {
            throw new InvalidInput(field, "required");
        }
        ContactPoints.checkUrl(field + ".endpoint", input.endpoint(), allowHttp);
        if (input.keys() == null) {
            throw new InvalidInput(field + ".keys", "required, {\"p256dh\": ..., \"auth\": ...}");
        }
        byte[] point = base64url(field + ".keys.p256dh", input.keys().p256dh());
        if (!onCurve(point)) {
            throw new InvalidInput(field + ".keys.p256dh", "not an uncompressed P-256 public key");
        }
        byte[] auth = base64url(field + ".keys.auth", input.keys().auth());
        if (auth.length != 16) {
            throw new InvalidInput(field + ".keys.auth", "must be 16 bytes, base64url");
        }
        String device = input.device() == null || input.device().isBlank() ? null : input.device().trim();
        if (device != null && device.length() > MAX_DEVICE) {
            throw new InvalidInput(field + ".device", "at most " + MAX_DEVICE + " characters");
        }
        return new PushSubscription(input.endpoint().trim(), input.expirationTime(),
                new Keys(input.keys().p256dh().trim(), input.keys().auth().trim()), device);
    }

    private static byte[] base64url(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, "required");
        }
        try {
            return Base64.getUrlDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, "not base64url");
        }
    }

    private static boolean onCurve(byte[] point) {
        if (point.length != 65 || point[0] != 0x04) {
            return false;
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 33));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 33, 65));
        if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0) {
            return false;
        }
        BigInteger left = y.modPow(BigInteger.TWO, P);
        BigInteger right = x.pow(3).add(A.multiply(x)).add(B).mod(P);
        return left.equals(right);
    }
}
