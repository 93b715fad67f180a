-- Every replica's change feed learns of a change the moment it commits, whichever replica made it: the trigger
-- announces it on channel alert_change, which PostgreSQL delivers to the listeners at commit (once per transaction).
create function alert_change_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('alert_change', '');
    return null;
end
$$;

create trigger alert_change_notify after insert on alert_change
    for each statement execute function alert_change_notify();
