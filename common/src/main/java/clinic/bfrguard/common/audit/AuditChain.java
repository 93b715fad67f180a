package clinic.bfrguard.common.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The rule of the audit trail's hash chain, in plain Java. Each entry is the {@code seq}-th of its service's chain
 * and holds the hash of the entry before it ({@code prevHash}; {@link #GENESIS} for the first) and its own hash:
 * SHA-256 over its canonical fields and {@code prevHash}. Changing an entry's content breaks its own hash; removing
 * one, or rewriting its hash to match, breaks the link of the entry after it.
 * <p>
 * The canonical form writes each field with its length in front, so no choice of values can make two different
 * entries read the same; the time is the instant to the microsecond, as PostgreSQL keeps it. The row's {@code id}
 * names the entry and is not hashed; its place in the chain is. The actor's subject, recorded since reads are
 * audited, is hashed after the other fields when there is one, so the entries from before keep their hashes.
 */
public final class AuditChain {

    /** The {@code prevHash} of a chain's first entry. */
    public static final String GENESIS = "0".repeat(64);

    private static final String VERSION = "bfrguard-audit-v1";
    private static final String NO_VALUE = "~";

    private AuditChain() {
    }

    /** The hash of an entry with these fields that follows the entry whose hash is {@code prevHash}. */
    public static String hash(long seq, Instant at, String actor, String actorSubject, String action,
            String targetType, String targetId, String patientId, String prevHash) {
        StringBuilder canonical = new StringBuilder(VERSION);
        for (String field : new String[]{Long.toString(seq), at.toString(), actor, action, targetType, targetId,
                patientId, prevHash}) {
            append(canonical, field);
        }
        if (actorSubject != null) {
            canonical.append("|subject");
            append(canonical, actorSubject);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void append(StringBuilder canonical, String field) {
        canonical.append('|');
        if (field == null) {
            canonical.append(NO_VALUE);
        } else {
            canonical.append(field.length()).append(':').append(field);
        }
    }

    /** An entry as the chain sees it. */
    public record Link(long id, long seq, Instant at, String actor, String actorSubject, String action,
            String targetType, String targetId, String patientId, String prevHash, String hash) {

        String expectedHash() {
            return AuditChain.hash(seq, at, actor, actorSubject, action, targetType, targetId, patientId, prevHash);
        }
    }

    /** The first broken entry of a chain: its id, its time and what is wrong with it. */
    public record Break(long entryId, Instant at, String reason) {
    }

    /**
     * Walks a chain in {@code seq} order, one entry at a time, and remembers the first break. Entries come in pages,
     * so a long trail is never held in memory at once.
     */
    public static final class Walk {
        private long entries;
        private long lastSeq;
        private String lastHash = GENESIS;
        private long lastId = -1;
        private Break firstBreak;

        /** Takes the next entry; false once the chain is broken (the rest need not be read). */
        public boolean next(Link link) {
            if (firstBreak != null) {
                return false;
            }
            entries++;
            String reason = null;
            if (link.seq() != lastSeq + 1) {
                reason = link.seq() <= lastSeq
                        ? "its place in the chain (" + link.seq() + ") repeats or precedes the entry before it"
                        : "entries before it in the chain are missing (place " + (lastSeq + 1) + " expected, "
                        + link.seq() + " found)";
            } else if (!link.expectedHash().equals(link.hash())) {
                reason = "its content does not match its hash: the entry was changed";
            } else if (!lastHash.equals(link.prevHash())) {
                reason = lastId < 0 ? "the first entry of the chain does not start from the genesis hash"
                        : "it does not link to the entry before it (id " + lastId + "): that entry was changed";
            }
            if (reason != null) {
                firstBreak = new Break(link.id(), link.at(), reason);
                return false;
            }
            lastSeq = link.seq();
            lastHash = link.hash();
            lastId = link.id();
            return true;
        }

        /** The entries read that belong to an intact chain so far. */
        public long entries() {
            return firstBreak == null ? entries : entries - 1;
        }

        public Break firstBreak() {
            return firstBreak;
        }

        /** The seq of the last intact entry read: where the next page starts. */
        public long lastSeq() {
            return lastSeq;
        }
    }
}
