#!/bin/bash
# Runs once, on the first start of an empty data volume (docker-entrypoint-initdb.d): one database per service with
# two login roles. <service>_owner owns the database and its tables and runs the migrations; <service> is the role
# the service runs as: it owns nothing, and the migrations grant it what it needs (on the audit trail, INSERT and
# SELECT only). No other role may connect, so that no service can read another's data.
set -euo pipefail

for service in screening session alert notification; do
  password_variable="${service^^}_DB_PASSWORD"
  owner_password_variable="${service^^}_DB_OWNER_PASSWORD"
  password="${!password_variable:?${password_variable} must be set}"
  owner_password="${!owner_password_variable:?${owner_password_variable} must be set}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v name="$service" -v owner="${service}_owner" -v password="$password" -v owner_password="$owner_password" <<'SQL'
CREATE ROLE :"owner" LOGIN PASSWORD :'owner_password';
CREATE ROLE :"name" LOGIN PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"owner";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"name" TO :"name";
SQL
done
