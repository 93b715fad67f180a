-- Only the service's own role (the database's owner) may connect to its database: PostgreSQL lets every role
-- connect to every database unless CONNECT is revoked from PUBLIC, so a role made for another service, or for
-- Keycloak, could otherwise open this one. The owner keeps its rights; a superuser is not affected.
-- Numbered after every service's own migrations (alert- and notification-service's V6): a service's next is V7.
do $$
begin
    execute format('revoke connect on database %I from public', current_database());
end
$$;
