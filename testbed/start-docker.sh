#!/usr/bin/env bash
# Makes sure a Docker engine answers on this machine: installs Debian's docker.io when missing and,
# when no daemon is running (no systemd here), starts dockerd in the background.
set -euo pipefail

log() { printf '[start-docker] %s\n' "$*"; }

if ! command -v dockerd >/dev/null 2>&1; then
  log "installing docker.io"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q docker.io >/dev/null
fi

if docker info >/dev/null 2>&1; then
  log "docker engine already running"
  exit 0
fi

if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  log "starting docker with systemd"
  systemctl start docker
else
  log "starting dockerd in the background (log: /var/log/dockerd.log)"
  # setsid: the daemon must outlive this script and must not get the caller's signals.
  setsid dockerd >/var/log/dockerd.log 2>&1 </dev/null &
fi

for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then
    log "docker engine is up"
    exit 0
  fi
  sleep 1
done
log "dockerd did not answer within 60 s; last lines of /var/log/dockerd.log:"
tail -n 20 /var/log/dockerd.log >&2 || true
exit 1
