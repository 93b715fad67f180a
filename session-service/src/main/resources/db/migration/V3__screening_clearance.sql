-- Every clinician's clearance seen, by the screening it names, as the alert-service keeps them: a clearance that
-- arrives before its screening is applied when that screening arrives and becomes the latest. Clearances already
-- waiting are kept.
create table screening_clearance (
    screening_id uuid         primary key,
    patient_id   varchar(64)  not null,
    cleared_by   varchar(255) not null,
    cleared_at   timestamptz  not null,
    valid_until  timestamptz,
    received_at  timestamptz  not null
);

insert into screening_clearance (screening_id, patient_id, cleared_by, cleared_at, valid_until, received_at)
select screening_id, patient_id, cleared_by, cleared_at, valid_until, received_at from held_clearance;

drop table held_clearance;
