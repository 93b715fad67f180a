package clinic.bfrguard.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A push service (RFC 8030) for tests, on 127.0.0.1: it hands out subscriptions with a browser's keys, takes the
 * messages the notification-service posts to them, and opens each as the browser would, decrypting it (RFC 8291,
 * aes128gcm) with the subscriber's private key and checking its VAPID signature (RFC 8292). Written with the JDK's
 * own cryptography only, so it is independent of the library the service encrypts and signs with.
 */
public final class PushService implements AutoCloseable {

    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();
    private static final Base64.Encoder BASE64URL_OUT = Base64.getUrlEncoder().withoutPadding();
    private static final Pattern VAPID = Pattern.compile("vapid t=([^,\\s]+),\\s*k=([A-Za-z0-9_-]+)");

    private final HttpServer server;
    private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();

    private PushService(HttpServer server) {
        this.server = server;
    }

    public static PushService start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            PushService push = new PushService(server);
            server.createContext("/push/", push::handle);
            server.start();
            return push;
        } catch (IOException e) {
            throw new IllegalStateException("push service cannot listen", e);
        }
    }

    /** A new subscription, as a browser's {@code pushManager.subscribe} would make it. */
    public Subscriber subscriber(String name) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            byte[] auth = new byte[16];
            new SecureRandom().nextBytes(auth);
            String path = "/push/" + name + "-" + Long.toHexString(new SecureRandom().nextLong());
            String endpoint = "http://127.0.0.1:" + server.getAddress().getPort() + path;
            Subscriber subscriber = new Subscriber(endpoint, generator.generateKeyPair(), auth);
            subscribers.put(path, subscriber);
            return subscriber;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next messages to {@code subscriber} are answered with these statuses, in order; then 201 again. */
    public void answer(Subscriber subscriber, int... statuses) {
        synchronized (subscriber.answers) {
            for (int status : statuses) {
                subscriber.answers.add(status);
            }
        }
    }

    /** Every message the subscriber was sent so far, in order, whatever it was answered. */
    public List<Message> received(Subscriber subscriber) {
        return List.copyOf(subscriber.all);
    }

    /** The next message the subscriber is sent, waiting up to {@code timeout}. */
    public Message next(Subscriber subscriber, Duration timeout) {
        try {
            Message message = subscriber.queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("no push message to " + subscriber.endpoint() + " within " + timeout);
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Subscriber subscriber = subscribers.get(exchange.getRequestURI().getPath());
            if (subscriber == null || !"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                    String.join(",", values)));
            int status;
            synchronized (subscriber.answers) {
                status = subscriber.answers.isEmpty() ? 201 : subscriber.answers.poll();
            }
            Message message = open(subscriber, headers, body, status);
            subscriber.all.add(message);
            subscriber.queue.add(message);
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private static Message open(Subscriber subscriber, Map<String, String> headers, byte[] body, int status) {
        String payload = null;
        String problem = null;
        try {
            payload = decrypt(subscriber, body);
        } catch (GeneralSecurityException | RuntimeException e) {
            problem = "not decrypted: " + e;
        }
        String vapidKey = null;
        boolean vapidValid = false;
        String subject = null;
        Matcher vapid = VAPID.matcher(headers.getOrDefault("authorization", ""));
        if (vapid.matches()) {
            vapidKey = vapid.group(2);
            try {
                String[] claims = verify(vapid.group(1), vapidKey);
                String audience = claims[0];
                long expiry = Long.parseLong(claims[1]);
                subject = claims[2];
                String origin = subscriber.endpoint().substring(0, subscriber.endpoint().indexOf("/push/"));
                long now = Instant.now().getEpochSecond();
                vapidValid = origin.equals(audience) && expiry > now && expiry <= now + 24 * 3600;
                if (!vapidValid) {
                    problem = "VAPID claims: aud " + audience + " (push service " + origin + "), exp " + expiry;
                }
            } catch (GeneralSecurityException | RuntimeException e) {
                problem = (problem == null ? "" : problem + "; ") + "VAPID: " + e;
            }
        }
        return new Message(headers, body.length, payload, vapidKey, vapidValid, subject, status, problem);
    }

    /** RFC 8291 and RFC 8188 (one record), from the browser's side. */
    private static String decrypt(Subscriber subscriber, byte[] body) throws GeneralSecurityException {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        int recordSize = in.getInt();
        byte[] serverKey = new byte[in.get() & 0xff];
        in.get(serverKey);
        byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);
        if (ciphertext.length > recordSize) {
            throw new GeneralSecurityException("more than one record");
        }
        byte[] browserKey = point((ECPublicKey) subscriber.keys.getPublic());
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(subscriber.keys.getPrivate());
        agreement.doPhase(publicKey(serverKey, (ECPublicKey) subscriber.keys.getPublic()), true);
        byte[] shared = agreement.generateSecret();

        byte[] keyInfo = concat("WebPush: info".getBytes(StandardCharsets.US_ASCII), new byte[] {0}, browserKey,
                serverKey);
        byte[] ikm = expand(hmac(subscriber.auth, shared), keyInfo, 32);
        byte[] prk = hmac(salt, ikm);
        byte[] cek = expand(prk, concat("Content-Encoding: aes128gcm".getBytes(StandardCharsets.US_ASCII),
                new byte[] {0}), 16);
        byte[] nonce = expand(prk, concat("Content-Encoding: nonce".getBytes(StandardCharsets.US_ASCII),
                new byte[] {0}), 12);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] padded = cipher.doFinal(ciphertext);
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) {
            end--;
        }
        if (end < 0 || padded[end] != 2) {
            throw new GeneralSecurityException("the last record's delimiter is missing");
        }
        return new String(padded, 0, end, StandardCharsets.UTF_8);
    }

    /** Checks the JWT's ES256 signature with {@code key}; returns its aud, exp and sub. */
    private static String[] verify(String token, String key) throws GeneralSecurityException {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new GeneralSecurityException("not a JWS");
        }
        String header = new String(BASE64URL.decode(parts[0]), StandardCharsets.UTF_8);
        if (!header.replace(" ", "").contains("\"alg\":\"ES256\"")) {
            throw new GeneralSecurityException("not ES256: " + header);
        }
        Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        signature.initVerify(publicKey(BASE64URL.decode(key), (ECPublicKey) generator.generateKeyPair().getPublic()));
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!signature.verify(BASE64URL.decode(parts[2]))) {
            throw new GeneralSecurityException("signature does not verify with k");
        }
        String claims = new String(BASE64URL.decode(parts[1]), StandardCharsets.UTF_8);
        return new String[] {claim(claims, "aud"), claim(claims, "exp"), claim(claims, "sub")};
    }

    private static String claim(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)\"?").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static ECPublicKey publicKey(byte[] point, ECPublicKey curveOf) throws GeneralSecurityException {
        if (point.length != 65 || point[0] != 4) {
            throw new GeneralSecurityException("not an uncompressed P-256 point");
        }
        ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, curveOf.getParams()));
    }

    private static byte[] point(ECPublicKey key) {
        return concat(new byte[] {4}, fixed(key.getW().getAffineX()), fixed(key.getW().getAffineY()));
    }

    private static byte[] fixed(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
        return out;
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    /** HKDF-Expand for one block (at most 32 bytes). */
    private static byte[] expand(byte[] prk, byte[] info, int length) throws GeneralSecurityException {
        return Arrays.copyOf(hmac(prk, concat(info, new byte[] {1})), length);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }

    /** One browser's subscription: what {@code PushSubscription.toJSON()} would give. */
    public static final class Subscriber {

        private final String endpoint;
        private final KeyPair keys;
        private final byte[] auth;
        private final Deque<Integer> answers = new ArrayDeque<>();
        private final List<Message> all = new CopyOnWriteArrayList<>();
        private final LinkedBlockingQueue<Message> queue = new LinkedBlockingQueue<>();

        private Subscriber(String endpoint, KeyPair keys, byte[] auth) {
            this.endpoint = endpoint;
            this.keys = keys;
            this.auth = auth;
        }

        public String endpoint() {
            return endpoint;
        }

        /** The browser's public key, an uncompressed P-256 point, base64url. */
        public String p256dh() {
            return BASE64URL_OUT.encodeToString(point((ECPublicKey) keys.getPublic()));
        }

        /** The browser's auth secret, base64url. */
        public String auth() {
            return BASE64URL_OUT.encodeToString(auth);
        }

        /** The subscription as JSON would carry it, with a device label. */
        public Map<String, Object> json(String device) {
            Map<String, Object> json = new TreeMap<>();
            json.put("endpoint", endpoint);
            json.put("keys", Map.of("p256dh", p256dh(), "auth", auth()));
            if (device != null) {
                json.put("device", device);
            }
            return json;
        }
    }

    /**
     * One message as the push service received it: its headers (lower-case names), the decrypted payload (null,
     * with {@code problem} saying why, if it did not decrypt), the VAPID key ({@code k}) and whether its token
     * verifies with it for this push service's origin and an expiry within 24 h, the VAPID subject, and the
     * status it was answered with.
     */
    public record Message(Map<String, String> headers, int bodyLength, String payload, String vapidKey,
            boolean vapidValid, String vapidSubject, int status, String problem) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }
}
