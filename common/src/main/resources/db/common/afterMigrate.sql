-- Runs after every migration run (a Flyway callback), so it also covers the tables of migrations added later.
--
-- The schema belongs to the role that migrates it (quarkus.flyway.username); the service runs as another role
-- (quarkus.datasource.username), which may read and write the service's tables but owns none of them: it cannot
-- drop a table, disable a trigger or change a table's definition. On the audit trail it may only INSERT and
-- SELECT: no UPDATE, DELETE or TRUNCATE, so even a service whose credentials were stolen cannot rewrite the trail,
-- and the append-only triggers cannot be switched off by it. Flyway's own history is read-only to it.
--
-- Where both are the same role (a developer's database, the component tests), there is nothing to grant.
do $$
declare
    runtime text := '${runtime_role}';
begin
    if runtime = '' or runtime = current_user then
        return;
    end if;
    execute format('grant connect on database %I to %I', current_database(), runtime);
    execute format('grant usage on schema public to %I', runtime);
    execute format('grant select, insert, update, delete on all tables in schema public to %I', runtime);
    execute format('grant usage, select on all sequences in schema public to %I', runtime);
    execute format('revoke update, delete, truncate on audit_entry from %I', runtime);
    execute format('revoke insert, update, delete, truncate on flyway_schema_history from %I', runtime);
end
$$;
