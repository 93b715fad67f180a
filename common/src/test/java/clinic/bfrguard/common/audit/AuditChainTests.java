package clinic.bfrguard.common.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditChainTests {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00.123456Z");

    /** A chain of {@code n} entries, ids 101, 102, … */
    private static List<AuditChain.Link> chain(int n) {
        List<AuditChain.Link> links = new ArrayList<>();
        String prev = AuditChain.GENESIS;
        for (int seq = 1; seq <= n; seq++) {
            Instant at = AT.plusSeconds(seq);
            String hash = AuditChain.hash(seq, at, "physio1", null, "BandApplied", "band", "b-" + seq, "P-1", prev);
            links.add(new AuditChain.Link(100 + seq, seq, at, "physio1", null, "BandApplied", "band", "b-" + seq,
                    "P-1", prev, hash));
            prev = hash;
        }
        return links;
    }

    private static AuditChain.Walk walk(List<AuditChain.Link> links) {
        AuditChain.Walk walk = new AuditChain.Walk();
        for (AuditChain.Link link : links) {
            if (!walk.next(link)) {
                break;
            }
        }
        return walk;
    }

    private static AuditChain.Link withActor(AuditChain.Link l, String actor) {
        return new AuditChain.Link(l.id(), l.seq(), l.at(), actor, l.actorSubject(), l.action(), l.targetType(),
                l.targetId(), l.patientId(), l.prevHash(), l.hash());
    }

    @Test
    void theHashIsSha256HexAndDependsOnEveryField() {
        String hash = AuditChain.hash(1, AT, "a", null, "b", "c", "d", "P-1", AuditChain.GENESIS);
        assertThat(hash).hasSize(64).matches("[0-9a-f]+");
        assertThat(List.of(
                AuditChain.hash(2, AT, "a", null, "b", "c", "d", "P-1", AuditChain.GENESIS),
                AuditChain.hash(1, AT.plusNanos(1000), "a", null, "b", "c", "d", "P-1", AuditChain.GENESIS),
                AuditChain.hash(1, AT, "x", null, "b", "c", "d", "P-1", AuditChain.GENESIS),
                AuditChain.hash(1, AT, "a", null, "x", "c", "d", "P-1", AuditChain.GENESIS),
                AuditChain.hash(1, AT, "a", null, "b", "x", "d", "P-1", AuditChain.GENESIS),
                AuditChain.hash(1, AT, "a", null, "b", "c", "x", "P-1", AuditChain.GENESIS),
                AuditChain.hash(1, AT, "a", null, "b", "c", "d", null, AuditChain.GENESIS),
                AuditChain.hash(1, AT, "a", null, "b", "c", "d", "P-1", "1".repeat(64))))
                .doesNotContain(hash).doesNotHaveDuplicates();
    }

    @Test
    void theActorsSubjectIsHashedWhenThereIsOne() {
        String without = AuditChain.hash(1, AT, "physio1", null, "READ", "session", "s-1", "P-1", AuditChain.GENESIS);
        String with = AuditChain.hash(1, AT, "physio1", "f3c1-sub", "READ", "session", "s-1", "P-1",
                AuditChain.GENESIS);
        assertThat(with).isNotEqualTo(without)
                .isNotEqualTo(AuditChain.hash(1, AT, "physio1", "f3c1-other", "READ", "session", "s-1", "P-1",
                        AuditChain.GENESIS));
    }

    @Test
    void anEntryWithoutSubjectKeepsTheHashItWasWrittenWith() throws Exception {
        // the canonical form of the entries written before subjects were recorded, spelled out
        String canonical = "bfrguard-audit-v1|1:1|27:2026-03-01T10:00:00.123456Z|7:physio1|11:BandApplied|4:band"
                + "|3:b-1|3:P-1|64:" + AuditChain.GENESIS;
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        assertThat(AuditChain.hash(1, AT, "physio1", null, "BandApplied", "band", "b-1", "P-1", AuditChain.GENESIS))
                .isEqualTo(expected);
    }

    @Test
    void fieldsCannotBeShiftedIntoOneAnother() {
        assertThat(AuditChain.hash(1, AT, "ab", null, "c", "t", "i", null, AuditChain.GENESIS))
                .isNotEqualTo(AuditChain.hash(1, AT, "a", null, "bc", "t", "i", null, AuditChain.GENESIS));
        assertThat(AuditChain.hash(1, AT, "a", null, "b", "t", "i", null, AuditChain.GENESIS))
                .isNotEqualTo(AuditChain.hash(1, AT, "a", null, "b", "t", "i", "~", AuditChain.GENESIS));
    }

    @Test
    void anUntouchedChainIsIntact() {
        AuditChain.Walk walk = walk(chain(5));
        assertThat(walk.firstBreak()).isNull();
        assertThat(walk.entries()).isEqualTo(5);
        assertThat(walk(List.of()).entries()).isZero();
    }

    @Test
    void aChangedEntryIsTheFirstBrokenOne() {
        List<AuditChain.Link> links = new ArrayList<>(chain(5));
        links.set(2, withActor(links.get(2), "nobody"));
        AuditChain.Walk walk = walk(links);
        assertThat(walk.firstBreak()).isEqualTo(new AuditChain.Break(103, AT.plusSeconds(3),
                "its content does not match its hash: the entry was changed"));
        assertThat(walk.entries()).isEqualTo(2);
    }

    @Test
    void aChangedEntryWithARecomputedHashBreaksTheLinkOfTheNext() {
        List<AuditChain.Link> links = new ArrayList<>(chain(5));
        AuditChain.Link l = links.get(2);
        links.set(2, new AuditChain.Link(l.id(), l.seq(), l.at(), "nobody", null, l.action(), l.targetType(),
                l.targetId(), l.patientId(), l.prevHash(), AuditChain.hash(l.seq(), l.at(), "nobody", null,
                l.action(), l.targetType(), l.targetId(), l.patientId(), l.prevHash())));
        AuditChain.Break broken = walk(links).firstBreak();
        assertThat(broken.entryId()).isEqualTo(104);
        assertThat(broken.reason()).isEqualTo("it does not link to the entry before it (id 103): that entry was "
                + "changed");
    }

    @Test
    void aRemovedEntryBreaksTheChainAtTheOneAfterIt() {
        List<AuditChain.Link> links = new ArrayList<>(chain(5));
        links.remove(1);
        AuditChain.Break broken = walk(links).firstBreak();
        assertThat(broken.entryId()).isEqualTo(103);
        assertThat(broken.reason()).isEqualTo("entries before it in the chain are missing (place 2 expected, 3 found)");
        links = new ArrayList<>(chain(3));
        links.remove(0);
        assertThat(walk(links).firstBreak().entryId()).isEqualTo(102);
    }
}
