-- Audit trail: who changed what and when, written in the same transaction as the change it describes. Append-only:
-- the triggers below refuse every UPDATE, DELETE and TRUNCATE, so not even a bug in the service can rewrite history.
-- No free text: the change itself keeps the notes; the trail keeps only names, ids and times.
-- Numbered after the services' V1: Flyway refuses a migration numbered below one a database has already applied,
-- so a shared migration added later must come after every service's applied ones.
create sequence audit_entry_seq increment by 50;

create table audit_entry (
    id          bigint       primary key,
    at          timestamptz  not null,
    actor       varchar(255) not null,
    action      varchar(100) not null,
    target_type varchar(50)  not null,
    target_id   varchar(100) not null,
    patient_id  varchar(64)
);
create index audit_entry_at on audit_entry (at);
create index audit_entry_actor_at on audit_entry (actor, at);

create function audit_entry_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only: % is not allowed', tg_op
        using errcode = 'integrity_constraint_violation';
end;
$$;

create trigger audit_entry_no_change before update or delete on audit_entry
    for each row execute function audit_entry_append_only();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_append_only();
