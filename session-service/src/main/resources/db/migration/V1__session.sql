-- The eligibility view: each patient's latest screening, learnt from screening-events.
create table patient_eligibility (
    patient_id        varchar(64)  primary key,
    screening_id      uuid         not null,
    outcome           varchar(32)  not null,
    total_points      integer      not null,
    screened_at       timestamptz  not null,
    valid_until       timestamptz  not null,
    limb_restrictions jsonb        not null,
    cleared_by        varchar(255),
    cleared_at        timestamptz,
    updated_at        timestamptz  not null
);

create table training_session (
    id              uuid         primary key,
    patient_id      varchar(64)  not null,
    physiotherapist varchar(255) not null,
    status          varchar(16)  not null,
    started_at      timestamptz  not null,
    completed_by    varchar(255),
    completed_at    timestamptz
);
create index training_session_patient on training_session (patient_id, started_at desc);
create index training_session_status on training_session (status, started_at desc);
-- One running session per patient; the service checks first, this is the backstop.
create unique index training_session_one_active on training_session (patient_id) where status = 'ACTIVE';

create table band (
    id                 uuid         primary key,
    session_id         uuid         not null references training_session (id),
    patient_id         varchar(64)  not null,
    limb               varchar(16)  not null,
    perceived_pressure integer      not null,
    pressure_mmhg      integer,
    applied_by         varchar(255) not null,
    applied_at         timestamptz  not null,
    warn_at            timestamptz  not null,
    deadline           timestamptz  not null,
    limit_seconds      bigint       not null,
    released_by        varchar(255),
    released_at        timestamptz,
    warning_raised_at  timestamptz,
    overrun_raised_at  timestamptz
);
create index band_session on band (session_id);
-- One band per limb at a time; the service checks first, this is the backstop.
create unique index band_one_per_limb on band (patient_id, limb) where released_at is null;
create index band_last_released on band (patient_id, limb, released_at desc) where released_at is not null;
-- The band timer's queries only ever look at bands still on and not yet raised: small, hot indexes.
create index band_warning_due on band (warn_at)
    where released_at is null and warning_raised_at is null and overrun_raised_at is null;
create index band_overrun_due on band (deadline) where released_at is null and overrun_raised_at is null;

create table exercise_set (
    id                  uuid          primary key,
    session_id          uuid          not null references training_session (id),
    exercise            varchar(100)  not null,
    exercise_key        varchar(100)  not null,
    limb                varchar(16)   not null,
    load_percent_one_rm numeric(5, 1) not null,
    reps                integer       not null,
    rpe                 integer,
    set_number          integer       not null,
    logged_by           varchar(255)  not null,
    logged_at           timestamptz   not null
);
create index exercise_set_session on exercise_set (session_id, exercise_key);

create table symptom_report (
    id          uuid         primary key,
    session_id  uuid         not null references training_session (id),
    symptom     varchar(32)  not null,
    note        text,
    reported_by varchar(255) not null,
    reported_at timestamptz  not null
);
create index symptom_report_session on symptom_report (session_id);

create table guideline_deviation (
    id          uuid           primary key,
    session_id  uuid           not null references training_session (id),
    rule        varchar(32)    not null,
    limb        varchar(16),
    exercise    varchar(100),
    band_id     uuid,
    set_id      uuid,
    actual      numeric(12, 3) not null,
    limit_value numeric(12, 3) not null,
    unit        varchar(8)     not null,
    message     text           not null,
    occurred_at timestamptz    not null
);
create index guideline_deviation_session on guideline_deviation (session_id);
