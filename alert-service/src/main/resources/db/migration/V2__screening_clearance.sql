-- Screenings seen cleared by a clinician, so that a CLEARANCE_REQUIRED alert raised after its clearance (the two
-- events arriving out of order) is resolved at once, as it would have been in order.
create table screening_clearance (
    screening_id uuid         primary key,
    cleared_by   text         not null,
    cleared_at   timestamptz  not null
);
