-- The on-call schedule of each site, as the clinic's admin entered it (OnCallSchedule as JSON).
create table oncall_schedule (
    site       varchar(40)  primary key,
    schedule   jsonb        not null,
    updated_by varchar(100) not null,
    updated_at timestamptz  not null
);

-- Each clinician's own contact points, and the sites they belong to (from their token when they saved them): the
-- people a schedule may name, and "every clinician of the site" past the schedule's last step.
create table contact_point (
    username   varchar(100) primary key,
    sites      varchar(40)[] not null,
    email      varchar(254),
    webhooks   jsonb         not null,
    updated_at timestamptz   not null
);

-- What this service knows of each alert from alert-events: enough to word a notification and to stop paging once
-- the alert is acknowledged or resolved. unrouted: a paging alert found nobody to notify.
create table alert_state (
    alert_id         uuid         primary key,
    site             varchar(40)  not null,
    patient_id       varchar(64)  not null,
    type             varchar(40)  not null,
    severity         varchar(20)  not null,
    status           varchar(20)  not null,
    limb             varchar(20),
    symptom          varchar(40),
    raised_at        timestamptz  not null,
    escalation_level integer      not null,
    unrouted         boolean      not null default false,
    updated_at       timestamptz  not null
);
create index alert_state_unrouted on alert_state (alert_id) where unrouted and status = 'OPEN';

-- One row per notification: an alert, its escalation level, one person, one channel and one kind (TRIGGER,
-- ACKNOWLEDGE, RESOLVE). The idempotency key makes it one, whatever redelivery or crash comes; receivers see the
-- same key on a resend. The channel's address is copied in, so a contact change does not redirect a page in flight.
create table notification (
    id               uuid          primary key,
    idempotency_key  varchar(400)  not null unique,
    alert_id         uuid          not null,
    site             varchar(40)   not null,
    escalation_level integer       not null,
    step             integer       not null,
    recipient        varchar(100)  not null,
    channel          varchar(120)  not null,
    address          varchar(2000) not null,
    format           varchar(20),
    routing_key      varchar(200),
    kind             varchar(20)   not null,
    status           varchar(20)   not null,
    attempts         integer       not null default 0,
    next_attempt_at  timestamptz   not null,
    last_detail      varchar(500),
    created_at       timestamptz   not null,
    sent_at          timestamptz
);
create index notification_due on notification (next_attempt_at) where status = 'PENDING';
create index notification_alert on notification (alert_id, created_at);
