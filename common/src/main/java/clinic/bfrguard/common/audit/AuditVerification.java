package clinic.bfrguard.common.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * What {@code GET /api/audit/verify} answers: {@code {intact: true, entries: n}}, or {@code {intact: false,
 * firstBrokenEntry: id, at, reason}} with the entries before it that are still intact. {@code entriesBeforeChain}
 * counts the entries written before the chain began, which it does not vouch for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditVerification(boolean intact, long entries, Long firstBrokenEntry, Instant at, String reason,
        long entriesBeforeChain) {

    static AuditVerification of(AuditChain.Walk walk, long entriesBeforeChain) {
        AuditChain.Break broken = walk.firstBreak();
        return broken == null
                ? new AuditVerification(true, walk.entries(), null, null, null, entriesBeforeChain)
                : new AuditVerification(false, walk.entries(), broken.entryId(), broken.at(), broken.reason(),
                        entriesBeforeChain);
    }
}
