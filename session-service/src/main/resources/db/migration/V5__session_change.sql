-- The clinic floor's change table: one row per change of an active session (started, a band applied or released, a
-- symptom reported, completed) with the session's floor tile after it, read by the floor stream in seq order and
-- replayed after Last-Event-ID. Every replica's stream learns of a row the moment it commits: the trigger announces
-- it on channel session_change, which PostgreSQL delivers to the listeners at commit.
create table session_change (
    seq          bigserial    primary key,
    session_id   uuid         not null,
    site         varchar(40)  not null,
    kind         varchar(32)  not null,
    session_json text         not null,
    created_at   timestamptz  not null
);
create index session_change_created_at on session_change (created_at);

create function session_change_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('session_change', '');
    return null;
end
$$;

create trigger session_change_notify after insert on session_change
    for each statement execute function session_change_notify();
