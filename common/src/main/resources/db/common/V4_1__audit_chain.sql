-- Audit trail as a hash chain: each entry holds its place in the service's chain, the hash of the entry before it
-- and its own hash (SHA-256 over its fields and prev_hash, computed by the service: clinic.bfrguard.common.audit.
-- AuditChain). GET /api/audit/verify walks the chain; an entry changed or removed behind the append-only triggers'
-- back shows there.
-- Entries written before this migration stay as they are, outside the chain (chain_seq null): the table refuses
-- UPDATE, and hashing them now would only vouch for whatever they hold today. The chain starts after them, at 1.
-- Numbered after every service's own migrations (session-service's V4 is the highest): Flyway refuses a migration
-- numbered below one a database has already applied. A service's next migration is V5 or higher.
alter table audit_entry
    add column chain_seq bigint,
    add column prev_hash varchar(64),
    add column hash      varchar(64);

-- one entry per place: two writers that read the same head cannot both commit
alter table audit_entry add constraint audit_entry_chain_seq unique (chain_seq);

-- every entry from now on is chained; NOT VALID leaves the entries from before the chain as they are
alter table audit_entry add constraint audit_entry_chained
    check (chain_seq is not null and prev_hash is not null and hash is not null) not valid;
