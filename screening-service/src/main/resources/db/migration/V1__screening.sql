create table screening (
    id                uuid         primary key,
    patient_id        varchar(64)  not null,
    systolic          integer      not null,
    diastolic         integer      not null,
    conditions        jsonb        not null,
    outcome           varchar(32)  not null,
    total_points      integer      not null,
    reasons           jsonb        not null,
    limb_restrictions jsonb        not null,
    notes             text,
    screened_by       varchar(255) not null,
    screened_at       timestamptz  not null,
    valid_until       timestamptz  not null,
    cleared_by        varchar(255),
    cleared_at        timestamptz,
    clearance_note    text
);
create index screening_patient_latest on screening (patient_id, screened_at desc);
