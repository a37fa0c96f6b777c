#!/bin/sh
# The official nginx image's 20-envsubst-on-templates.sh: each <name>.template in
# NGINX_ENVSUBST_TEMPLATE_DIR becomes <name> in NGINX_ENVSUBST_OUTPUT_DIR, substituting only the
# environment variables whose names match NGINX_ENVSUBST_FILTER (all of them when unset).
set -eu
if [ "$1" = nginx ]; then
  template_dir="${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}"
  suffix="${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}"
  output_dir="${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}"
  # A tmpfs mounted over conf.d belongs to root: render into /tmp/conf.d then (nginx.conf reads both).
  if [ ! -w "$output_dir" ]; then
    output_dir=/tmp/conf.d
    mkdir -p "$output_dir"
  fi
  filter="${NGINX_ENVSUBST_FILTER:-}"
  defined_envs=$(printf '${%s} ' $(awk "END { for (name in ENVIRON) { print ( name ~ /${filter}/ ) ? name : \"\" } }" </dev/null))
  for template in "$template_dir"/*"$suffix"; do
    [ -f "$template" ] || continue
    output="$output_dir/$(basename "$template" "$suffix")"
    echo "rendering $template to $output"
    envsubst "$defined_envs" <"$template" >"$output"
  done
fi
exec "$@"
