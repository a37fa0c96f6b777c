#!/bin/bash
# The official redis image's contract: leading options go to redis-server, which runs as the redis
# user, in the foreground, on every interface (the official build turns protected mode off).
set -euo pipefail
if [ "${1:0:1}" = '-' ]; then set -- redis-server "$@"; fi
if [ "$1" = redis-server ]; then
  shift
  chown redis:redis /data 2>/dev/null || true
  exec setpriv --reuid=redis --regid=redis --init-groups \
    redis-server --bind '* -::*' --protected-mode no --dir /data --daemonize no --logfile '' "$@"
fi
exec "$@"
