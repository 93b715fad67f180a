-- One row per alert; dedup_key names its cause.
create table alert (
    id                     uuid         primary key,
    dedup_key              text         not null,
    type                   varchar(40)  not null,
    severity               varchar(16)  not null,
    status                 varchar(16)  not null,
    patient_id             text         not null,
    message                text         not null,
    screening_id           uuid,
    session_id             uuid,
    band_id                uuid,
    limb                   text,
    occurrences            integer      not null,
    raised_at              timestamptz  not null,
    last_occurred_at       timestamptz  not null,
    acknowledged_by        text,
    acknowledged_at        timestamptz,
    resolved_by            text,
    resolved_at            timestamptz,
    resolve_note           text,
    resolved_automatically boolean      not null default false,
    escalation_level       integer      not null default 0,
    next_escalation_at     timestamptz,
    last_escalated_at      timestamptz,
    band_released_at       timestamptz
);
-- At most one unresolved alert per cause, whatever the timing of two consumers.
create unique index alert_one_open_per_cause on alert (dedup_key) where status <> 'RESOLVED';
create index alert_by_cause on alert (dedup_key, raised_at desc);
create index alert_newest on alert (raised_at desc, id);
create index alert_by_patient on alert (patient_id, raised_at desc);
create index alert_by_band on alert (band_id) where band_id is not null;
create index alert_due_escalation on alert (next_escalation_at) where status = 'OPEN' and next_escalation_at is not null;

-- The change feed behind the Server-Sent Events stream. seq is taken under a transaction-scoped advisory lock,
-- so it increases in commit order and a reader that has seen seq n has seen everything before it.
create table alert_change (
    seq        bigserial    primary key,
    alert_id   uuid         not null,
    kind       varchar(32)  not null,
    alert_json text         not null,
    created_at timestamptz  not null
);
create index alert_change_created_at on alert_change (created_at);

-- Bands seen released, so that a warning that arrives after the release raises nothing.
create table band_release (
    band_id     uuid        primary key,
    released_at timestamptz not null,
    deadline    timestamptz not null
);
