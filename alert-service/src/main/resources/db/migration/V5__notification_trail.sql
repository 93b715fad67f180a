-- What became of each attempt to page someone about an alert, as notification-service reports it: the alert's
-- notification trail. One row per event (its envelope id), so a redelivery cannot list an attempt twice. The site
-- is the alert's: the trail is shown with its alert, to that alert's clinicians only.
create table alert_notification (
    event_id         uuid          primary key,
    alert_id         uuid          not null,
    site             varchar(40)   not null,
    escalation_level integer       not null,
    step             integer       not null,
    recipient        varchar(200),
    channel          varchar(200),
    kind             varchar(16)   not null,
    outcome          varchar(16)   not null,
    attempts         integer       not null,
    retrying         boolean       not null,
    reason           varchar(32),
    detail           varchar(500),
    at               timestamptz   not null
);
create index alert_notification_by_alert on alert_notification (alert_id, at);
