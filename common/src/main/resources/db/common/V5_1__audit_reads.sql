-- Reads of patient data are audited too (action READ): who looked at which patient, when. The actor's username is
-- kept in actor as before; actor_subject adds the identity provider's stable subject ("sub"), which a renamed or
-- re-created account does not reuse. Entries written before this migration have none (null).
-- "Who looked at this patient" searches by patient (or by the target's id), newest first.
-- Numbered after every service's own migrations (alert-service's V5 is the highest): a service's next one is V6.
alter table audit_entry add column actor_subject varchar(255);
create index audit_entry_patient_at on audit_entry (patient_id, at);
create index audit_entry_target_at on audit_entry (target_id, at);
