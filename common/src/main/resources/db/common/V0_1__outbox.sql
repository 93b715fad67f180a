-- Transactional outbox: written in the same transaction as the state change, relayed to Kafka after commit.
create table outbox_event (
    id          uuid         primary key,
    seq         bigserial    not null unique,
    topic       varchar(255) not null,
    message_key varchar(255) not null,
    type        varchar(100) not null,
    payload     text         not null,
    created_at  timestamptz  not null,
    sent_at     timestamptz,
    attempts    integer      not null default 0,
    last_error  text
);
create index outbox_event_pending on outbox_event (seq) where sent_at is null;
create index outbox_event_sent_at on outbox_event (sent_at) where sent_at is not null;

-- Idempotent consumers: the ids of the events already applied, recorded with the change they caused.
create table processed_event (
    event_id     uuid         not null,
    consumer     varchar(100) not null,
    processed_at timestamptz  not null,
    primary key (event_id, consumer)
);
