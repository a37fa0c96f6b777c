#!/bin/bash
# The official rabbitmq image's contract on Debian's server: runs as the rabbitmq user in the
# foreground; RABBITMQ_DEFAULT_USER, RABBITMQ_DEFAULT_PASS and RABBITMQ_DEFAULT_VHOST become
# default_user/default_pass/default_vhost in conf.d (a definitions file in conf.d wins, as there).
set -euo pipefail
if [ "$1" = rabbitmq-server ]; then
  {
    [ -z "${RABBITMQ_DEFAULT_USER:-}" ] || echo "default_user = ${RABBITMQ_DEFAULT_USER}"
    [ -z "${RABBITMQ_DEFAULT_PASS:-}" ] || echo "default_pass = ${RABBITMQ_DEFAULT_PASS}"
    [ -z "${RABBITMQ_DEFAULT_VHOST:-}" ] || echo "default_vhost = ${RABBITMQ_DEFAULT_VHOST}"
  } >/tmp/15-defaults.conf
  if [ -s /tmp/15-defaults.conf ]; then cp /tmp/15-defaults.conf /etc/rabbitmq/conf.d/15-defaults.conf; fi
  chown -R rabbitmq:rabbitmq /var/lib/rabbitmq
  shift
  # The server itself, not Debian's wrapper (/usr/sbin/rabbitmq-server), which would send its
  # output to /var/log/rabbitmq/startup_log instead of the container's log.
  exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups /usr/lib/rabbitmq/bin/rabbitmq-server "$@"
fi
exec "$@"
