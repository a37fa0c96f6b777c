#!/bin/bash
# Creates each service's schema with two users, with rights on that schema only: kavosh_<service>
# (the service at run time: SELECT, INSERT, UPDATE, DELETE, no DDL) and kavosh_<service>_migrator
# (applies the migrations: all privileges). The MySQL image runs this once, on an empty data
# directory; passwords come from the environment, never from here.
set -euo pipefail

for service in auth catalog billing social; do
  var="${service^^}_DB_PASSWORD"
  password="${!var:?${var} is required: the password of the kavosh_${service} MySQL user}"
  migrator_var="${service^^}_DB_MIGRATOR_PASSWORD"
  migrator_password="${!migrator_var:?${migrator_var} is required: the password of the kavosh_${service}_migrator MySQL user}"
  escaped="${password//\'/\'\'}"
  migrator_escaped="${migrator_password//\'/\'\'}"
  mysql --protocol=socket -uroot -p"${MYSQL_ROOT_PASSWORD}" <<SQL
CREATE DATABASE IF NOT EXISTS \`kavosh_${service}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'kavosh_${service}_migrator'@'%' IDENTIFIED BY '${migrator_escaped}';
GRANT ALL PRIVILEGES ON \`kavosh_${service}\`.* TO 'kavosh_${service}_migrator'@'%';
CREATE USER IF NOT EXISTS 'kavosh_${service}'@'%' IDENTIFIED BY '${escaped}';
GRANT SELECT, INSERT, UPDATE, DELETE ON \`kavosh_${service}\`.* TO 'kavosh_${service}'@'%';
SQL
done
