package clinic.bfrguard.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Properties;

/**
 * The local stack's VAPID key pair for Web Push, generated on the first run and kept in the work directory, so a
 * browser that subscribed yesterday still receives pages today. {@code --clean} starts afresh with a new pair, as it
 * does with empty databases (and so no subscriptions).
 */
final class VapidKeys {

    record Pair(String publicKey, String privateKey) {
    }

    private VapidKeys() {
    }

    static Pair of(Path workDirectory) {
        Path file = workDirectory.resolve("vapid-keys.properties");
        Properties keys = new Properties();
        try {
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    keys.load(in);
                }
            } else {
                Pair pair = generate();
                keys.setProperty("public-key", pair.publicKey());
                keys.setProperty("private-key", pair.privateKey());
                Files.createDirectories(workDirectory);
                try (OutputStream out = Files.newOutputStream(file)) {
                    keys.store(out, "VAPID keys of this machine's local stack (Web Push); not for any other use");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("VAPID keys in " + file, e);
        }
        return new Pair(keys.getProperty("public-key"), keys.getProperty("private-key"));
    }

    /** A P-256 pair: the public key as an uncompressed point, the private key as its scalar, both base64url. */
    static Pair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
            byte[] point = new byte[65];
            point[0] = 4;
            fixed(publicKey.getW().getAffineX(), point, 1);
            fixed(publicKey.getW().getAffineY(), point, 33);
            byte[] scalar = new byte[32];
            fixed(((ECPrivateKey) pair.getPrivate()).getS(), scalar, 0);
            Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
            return new Pair(base64url.encodeToString(point), base64url.encodeToString(scalar));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 is part of every JDK", e);
        }
    }

    private static void fixed(BigInteger value, byte[] into, int at) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, into, at + 32 - length, length);
    }
}
