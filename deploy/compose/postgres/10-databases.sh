#!/bin/bash
# Runs once, on the first start of an empty data volume (docker-entrypoint-initdb.d): one database and one
# login role per service, and no other role may connect to it, so that no service can read another's data.
set -euo pipefail

for service in screening session alert notification; do
  password_variable="${service^^}_DB_PASSWORD"
  password="${!password_variable:?${password_variable} must be set}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v name="$service" -v password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
done
