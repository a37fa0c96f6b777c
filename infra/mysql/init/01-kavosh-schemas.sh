#!/bin/bash
# Creates each service's schema and its own user, with rights on that schema only. The MySQL image
# runs this once, on an empty data directory; passwords come from the environment, never from here.
set -euo pipefail

for service in auth catalog billing social; do
  var="${service^^}_DB_PASSWORD"
  password="${!var:?${var} is required: the password of the kavosh_${service} MySQL user}"
  escaped="${password//\'/\'\'}"
  mysql --protocol=socket -uroot -p"${MYSQL_ROOT_PASSWORD}" <<SQL
CREATE DATABASE IF NOT EXISTS \`kavosh_${service}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'kavosh_${service}'@'%' IDENTIFIED BY '${escaped}';
GRANT ALL PRIVILEGES ON \`kavosh_${service}\`.* TO 'kavosh_${service}'@'%';
SQL
done
