#!/bin/bash
# The official mysql image's contract on Debian's MariaDB: a fresh data directory is initialised
# from the MYSQL_* variables and /docker-entrypoint-initdb.d by a server that listens on the socket
# only, which then stops; the real server starts listening on 3306 afterwards, so "port open"
# means initialised, as with the official image.
set -euo pipefail

if [ "${1:0:1}" = '-' ]; then set -- mariadbd "$@"; fi
if [ "$1" = mysqld ]; then
  shift
  set -- mariadbd "$@"
fi
[ "$1" = mariadbd ] || exec "$@"

chown mysql:mysql /var/lib/mysql /run/mysqld

sql_escape() { printf '%s' "${1//\'/\'\'}"; }

if [ ! -d /var/lib/mysql/mysql ]; then
  if [ -z "${MYSQL_ROOT_PASSWORD:-}" ] && [ -z "${MYSQL_ALLOW_EMPTY_PASSWORD:-}" ] && [ -z "${MYSQL_RANDOM_ROOT_PASSWORD:-}" ]; then
    echo 'error: database is uninitialized and password option is not specified' >&2
    echo '  You need to specify one of MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD and MYSQL_RANDOM_ROOT_PASSWORD' >&2
    exit 1
  fi
  if [ -n "${MYSQL_RANDOM_ROOT_PASSWORD:-}" ] && [ -z "${MYSQL_ROOT_PASSWORD:-}" ]; then
    MYSQL_ROOT_PASSWORD="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
    echo "GENERATED ROOT PASSWORD: ${MYSQL_ROOT_PASSWORD}"
  fi
  export MYSQL_ROOT_PASSWORD="${MYSQL_ROOT_PASSWORD:-}"
  echo 'initialising the data directory'
  mariadb-install-db --user=mysql --datadir=/var/lib/mysql --auth-root-authentication-method=normal \
    --skip-test-db >/dev/null
  "$@" --user=mysql --skip-networking --socket=/run/mysqld/mysqld.sock &
  pid=$!
  for _ in $(seq 1 120); do
    mariadb-admin --socket=/run/mysqld/mysqld.sock -uroot ping >/dev/null 2>&1 && break
    sleep 0.5
  done
  root_password="$(sql_escape "${MYSQL_ROOT_PASSWORD}")"
  root_host="$(sql_escape "${MYSQL_ROOT_HOST:-%}")"
  {
    echo "DELETE FROM mysql.global_priv WHERE User = '';"
    echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '${root_password}';"
    if [ "${MYSQL_ROOT_HOST:-%}" != localhost ]; then
      echo "CREATE USER 'root'@'${root_host}' IDENTIFIED BY '${root_password}';"
      echo "GRANT ALL ON *.* TO 'root'@'${root_host}' WITH GRANT OPTION;"
    fi
    if [ -n "${MYSQL_DATABASE:-}" ]; then
      echo "CREATE DATABASE IF NOT EXISTS \`${MYSQL_DATABASE}\`;"
    fi
    if [ -n "${MYSQL_USER:-}" ] && [ -n "${MYSQL_PASSWORD:-}" ]; then
      echo "CREATE USER '$(sql_escape "${MYSQL_USER}")'@'%' IDENTIFIED BY '$(sql_escape "${MYSQL_PASSWORD}")';"
      if [ -n "${MYSQL_DATABASE:-}" ]; then
        echo "GRANT ALL ON \`${MYSQL_DATABASE}\`.* TO '$(sql_escape "${MYSQL_USER}")'@'%';"
      fi
    fi
    echo 'FLUSH PRIVILEGES;'
  } | mariadb --protocol=socket -uroot
  client=(mariadb --protocol=socket -uroot "-p${MYSQL_ROOT_PASSWORD}")
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sh)
        echo "running $f"
        if [ -x "$f" ]; then "$f"; else . "$f"; fi
        ;;
      *.sql) echo "running $f" && "${client[@]}" "${MYSQL_DATABASE:-}" <"$f" ;;
      *.sql.gz) echo "running $f" && gunzip -c "$f" | "${client[@]}" "${MYSQL_DATABASE:-}" ;;
      *) ;;
    esac
  done
  mariadb-admin --socket=/run/mysqld/mysqld.sock -uroot "-p${MYSQL_ROOT_PASSWORD}" shutdown
  wait "$pid" || true
  echo 'initialisation done; starting the server'
fi

exec "$@" --user=mysql
