#!/usr/bin/env bash
# Builds the local Docker images the integration tests run (nothing is pulled from a registry):
#   local/debian-base:bookworm         a Debian 12 root filesystem, imported
#   local/provision-lxc-host:bookworm  an LXC host with sshd, lxc-net and a baked LXC rootfs cache
#   local/provision-ssh-host:bookworm  a pristine SSH host: sshd, sudo, non-root users, the network's CAs
#   local/provision-incus-host:bookworm  an Incus 6.0 server (bookworm-backports) with a local Debian image
# Work already done is skipped: an image that exists (with the same build-context hash) is kept.
# Set PROVISION_BAKE_LXC_CACHE=0 to build the host image without the LXC rootfs cache.
# Also seeds this machine's LXC rootfs caches of PROVISION_EXTRA_LXC_RELEASES (default: trixie).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
base_image="local/debian-base:bookworm"
host_image="local/provision-lxc-host:bookworm"
ssh_host_image="local/provision-ssh-host:bookworm"
incus_host_image="local/provision-incus-host:bookworm"
release="bookworm"
arch="$(dpkg --print-architecture)"
lxc_cache_root="/var/cache/lxc/debian"
lxc_cache="${lxc_cache_root}/rootfs-${release}-${arch}"
bake_cache="${PROVISION_BAKE_LXC_CACHE:-1}"
extra_releases="${PROVISION_EXTRA_LXC_RELEASES:-trixie}"

log() { printf '[build-images] %s\n' "$*"; }
image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

# The LXC "debian" template's rootfs cache, made by the template itself so that its layout and
# package set are exactly what lxc-create expects. It doubles as the base image's filesystem.
ensure_lxc_cache() {
  local release="${1:-$release}"
  local lxc_cache="${lxc_cache_root}/rootfs-${release}-${arch}"
  if [ -d "$lxc_cache" ]; then
    log "LXC rootfs cache present: $lxc_cache"
    return
  fi
  log "seeding the LXC rootfs cache of $release with lxc-create -t debian (debootstrap, one to a few minutes)"
  local seed="provision-cache-seed-$release-$$"
  lxc-create -n "$seed" -t debian -- -r "$release" >/tmp/provision-lxc-seed.log 2>&1 || {
    tail -n 30 /tmp/provision-lxc-seed.log >&2
    lxc-destroy -n "$seed" >/dev/null 2>&1 || true
    log "lxc-create failed; see /tmp/provision-lxc-seed.log"
    exit 1
  }
  lxc-destroy -n "$seed" >/dev/null
  [ -d "$lxc_cache" ] || { log "lxc-create did not leave $lxc_cache"; exit 1; }
}

build_base() {
  if image_exists "$base_image"; then
    log "$base_image exists, skipping"
    return
  fi
  log "importing $base_image from $lxc_cache"
  tar -C "$lxc_cache" --numeric-owner -c . | docker import \
    --change 'CMD ["/bin/bash"]' --change 'ENV LANG=C.UTF-8' - "$base_image" >/dev/null
}

build_host() {
  local hash
  hash="$( (cd "$here/lxc-host" && sha256sum $(ls | sort); echo "bake=$bake_cache") | sha256sum | cut -c1-16)"
  if image_exists "$host_image" && [ "$(docker image inspect -f '{{ index .Config.Labels "dev.provision.context" }}' "$host_image")" = "$hash" ]; then
    log "$host_image is up to date (context $hash), skipping"
    return
  fi
  local ctx
  ctx="$(mktemp -d /tmp/provision-lxc-host.XXXXXX)"
  trap 'rm -rf "$ctx"' RETURN
  cp -a "$here/lxc-host/." "$ctx/"
  if [ "$bake_cache" = "1" ]; then
    log "packing the LXC rootfs cache into the build context"
    tar -C "$lxc_cache_root" --numeric-owner -cf "$ctx/lxc-cache.tar" "rootfs-${release}-${arch}"
  else
    tar -cf "$ctx/lxc-cache.tar" -T /dev/null
  fi
  log "building $host_image (context $hash; log: /tmp/provision-lxc-host-build.log)"
  if ! docker build --label "dev.provision.context=$hash" -t "$host_image" "$ctx" >/tmp/provision-lxc-host-build.log 2>&1; then
    tail -n 40 /tmp/provision-lxc-host-build.log >&2
    log "docker build failed"
    exit 1
  fi
}

# The pristine SSH host, with this machine's extra CA certificates (its network's TLS) copied in.
build_ssh_host() {
  local ctx hash
  ctx="$(mktemp -d /tmp/provision-ssh-host.XXXXXX)"
  trap 'rm -rf "$ctx"' RETURN
  cp -a "$here/ssh-host/." "$ctx/"
  mkdir -p "$ctx/ca-certificates"
  find /usr/local/share/ca-certificates -maxdepth 1 -name '*.crt' -exec cp {} "$ctx/ca-certificates/" \; 2>/dev/null || true
  hash="$( (cd "$ctx" && find . -type f | sort | xargs sha256sum) | sha256sum | cut -c1-16)"
  if image_exists "$ssh_host_image" && [ "$(docker image inspect -f '{{ index .Config.Labels "dev.provision.context" }}' "$ssh_host_image")" = "$hash" ]; then
    log "$ssh_host_image is up to date (context $hash), skipping"
    return
  fi
  log "building $ssh_host_image (context $hash; log: /tmp/provision-ssh-host-build.log)"
  if ! docker build --label "dev.provision.context=$hash" -t "$ssh_host_image" "$ctx" >/tmp/provision-ssh-host-build.log 2>&1; then
    tail -n 40 /tmp/provision-ssh-host-build.log >&2
    log "docker build failed"
    exit 1
  fi
}

# The Incus host, with the LXC rootfs cache packed as an image tarball (no image server is used).
build_incus_host() {
  local hash
  hash="$( (cd "$here/incus-host" && find . -type f | sort | xargs sha256sum) | sha256sum | cut -c1-16)"
  if image_exists "$incus_host_image" && [ "$(docker image inspect -f '{{ index .Config.Labels "dev.provision.context" }}' "$incus_host_image")" = "$hash" ]; then
    log "$incus_host_image is up to date (context $hash), skipping"
    return
  fi
  local ctx
  ctx="$(mktemp -d /tmp/provision-incus-host.XXXXXX)"
  trap 'rm -rf "$ctx"' RETURN
  cp -a "$here/incus-host/." "$ctx/"
  tar -C "$lxc_cache_root" --numeric-owner -cf "$ctx/lxc-cache.tar" "rootfs-${release}-${arch}"
  log "building $incus_host_image (context $hash; log: /tmp/provision-incus-host-build.log)"
  if ! docker build --label "dev.provision.context=$hash" -t "$incus_host_image" "$ctx" >/tmp/provision-incus-host-build.log 2>&1; then
    tail -n 40 /tmp/provision-incus-host-build.log >&2
    log "docker build failed"
    exit 1
  fi
}

ensure_lxc_cache
# The caches of the other releases MajorsIT runs (trixie: PostgreSQL 17), made once per machine and
# bind-mounted read-only into its LXC host (LxcHost.withLxcCaches), as a user's host keeps its own.
for other in $extra_releases; do ensure_lxc_cache "$other"; done
build_base
build_host
build_ssh_host
build_incus_host
log "images ready: $base_image $host_image $ssh_host_image $incus_host_image"
