#!/usr/bin/env bash
# start-dockerd.sh DAEMON_JSON STATE_DIR
#
# Starts a real Docker engine (`dockerd --config-file DAEMON_JSON`, otherwise plain
# defaults: default bridge, iptables on, /var/lib/docker, /var/run/docker.sock) in the
# background, in a mount namespace of its own with / shared (see below). Writes:
#   STATE_DIR/dockerd.log      daemon stdout+stderr
#   STATE_DIR/dockerd.pid      dockerd PID
#   STATE_DIR/containerd.pid   PID of the containerd that dockerd spawned (if any)
# Waits (bounded, DOCKERD_START_TIMEOUT seconds, default 30) until `docker info` works;
# on failure stops the daemon again and exits non-zero after printing the log tail.
# Stop it with stop-dockerd.sh STATE_DIR.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 DAEMON_JSON STATE_DIR" >&2
  exit 2
fi
daemon_json=$(realpath "$1")
state_dir=$2
timeout=${DOCKERD_START_TIMEOUT:-30}
here=$(cd "$(dirname "$0")" && pwd)

[[ -f $daemon_json ]] || { echo "no such daemon config: $daemon_json" >&2; exit 2; }
command -v dockerd >/dev/null || { echo "dockerd not installed" >&2; exit 2; }
mkdir -p "$state_dir"
state_dir=$(realpath "$state_dir")
log=$state_dir/dockerd.log
pidfile=$state_dir/dockerd.pid

if [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  echo "dockerd already running with PID $(cat "$pidfile") (from $pidfile)" >&2
  exit 1
fi
if docker info >/dev/null 2>&1; then
  echo "another Docker engine already answers on the default socket; refusing to start" >&2
  exit 1
fi

# setsid: own session/process group, so signals to our caller do not hit the daemon.
# unshare --mount: the engine gets a mount namespace of its own, a copy of this one in which /
# is made a shared mount, as systemd makes it on an ordinary host. Here / is a private mount,
# and Docker refuses a bind with rslave propagation of a private source ("path / is mounted on
# / but it is not a shared or slave mount"), such as node-exporter's /:/host:ro,rslave. The
# machine's own mounts stay as they are (private: nothing propagates back), and so do the
# files: the socket and everything else the engine writes land on the same filesystems.
# unshare and sh exec, so the PID is dockerd's.
setsid unshare --mount --propagation unchanged -- \
  sh -c 'mount --make-rshared / && exec dockerd --config-file "$1"' start-dockerd "$daemon_json" \
  >"$log" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$pidfile"

deadline=$((SECONDS + timeout))
until docker info >/dev/null 2>&1; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "dockerd (PID $pid) exited during startup; log tail:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    echo "dockerd (PID $pid) not ready after ${timeout}s; log tail:" >&2
    tail -n 40 "$log" >&2
    "$here/stop-dockerd.sh" "$state_dir" >&2 || true
    exit 1
  fi
  sleep 0.2
done

# Remember the containerd that dockerd started itself, so stop-dockerd.sh can make
# sure it is gone even if dockerd has to be SIGKILLed.
containerd_pid=$(pgrep -P "$pid" -x containerd || true)
if [[ -n $containerd_pid ]]; then
  echo "$containerd_pid" >"$state_dir/containerd.pid"
fi
echo "dockerd ready: PID $pid, log $log, ready after ${SECONDS}s"
