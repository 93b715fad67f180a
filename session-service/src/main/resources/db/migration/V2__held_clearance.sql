-- A clinician's clearance that arrived before the screening it names: it waits here for that screening.
create table held_clearance (
    screening_id uuid         primary key,
    patient_id   varchar(64)  not null,
    cleared_by   varchar(255) not null,
    cleared_at   timestamptz  not null,
    valid_until  timestamptz,
    received_at  timestamptz  not null
);

create index held_clearance_patient on held_clearance (patient_id);
