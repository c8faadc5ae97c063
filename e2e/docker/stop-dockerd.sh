#!/usr/bin/env bash
# stop-dockerd.sh STATE_DIR
#
# Stops the dockerd started by start-dockerd.sh STATE_DIR, by the PID in
# STATE_DIR/dockerd.pid: SIGTERM, wait (bounded, DOCKERD_STOP_TIMEOUT s, default 30;
# dockerd itself stops running containers first), then SIGKILL. Then makes sure the
# containerd dockerd spawned (STATE_DIR/containerd.pid) and any containerd-shim of that
# containerd are gone too. Safe to call twice / when nothing is running (exit 0).
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 STATE_DIR" >&2
  exit 2
fi
state_dir=$1
timeout=${DOCKERD_STOP_TIMEOUT:-30}

# is_proc PID NAME: PID is alive and its command name is NAME (guards against PID reuse).
is_proc() {
  [[ -r /proc/$1/comm ]] && [[ $(cat "/proc/$1/comm" 2>/dev/null) == "$2" ]]
}

# stop_pid PID NAME TIMEOUT: SIGTERM, wait up to TIMEOUT s, then SIGKILL.
stop_pid() {
  local pid=$1 name=$2 wait_s=$3
  is_proc "$pid" "$name" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + wait_s))
  while is_proc "$pid" "$name" && ((SECONDS < deadline)); do
    sleep 0.2
  done
  if is_proc "$pid" "$name"; then
    echo "$name (PID $pid) still alive after ${wait_s}s: SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    deadline=$((SECONDS + 5))
    while is_proc "$pid" "$name" && ((SECONDS < deadline)); do sleep 0.1; done
  fi
}

[[ -d $state_dir ]] || exit 0
pidfile=$state_dir/dockerd.pid
cpidfile=$state_dir/containerd.pid

if [[ -f $pidfile ]]; then
  pid=$(cat "$pidfile")
  # containerd.pid may be missing if start-dockerd.sh was interrupted: look it up now.
  if [[ ! -f $cpidfile ]] && is_proc "$pid" dockerd; then
    cpid=$(pgrep -P "$pid" -x containerd || true)
    [[ -z $cpid ]] || echo "$cpid" >"$cpidfile"
  fi
  stop_pid "$pid" dockerd "$timeout"
  rm -f "$pidfile"
fi

if [[ -f $cpidfile ]]; then
  cpid=$(cat "$cpidfile")
  # dockerd normally stops its containerd itself; only act if it survived.
  stop_pid "$cpid" containerd 10
  rm -f "$cpidfile"
fi

# Shims of dockerd's own containerd (socket under /var/run/docker/containerd/) that
# outlived a SIGKILLed daemon: matched by exact socket path, killed by PID together
# with their children (the containers' PID-1 processes, which would otherwise keep running).
for proc in /proc/[0-9]*; do
  shim=${proc#/proc/}
  [[ $(cat "$proc/comm" 2>/dev/null) == containerd-shim* ]] || continue
  if tr '\0' ' ' <"$proc/cmdline" 2>/dev/null | grep -q -- '/var/run/docker/containerd/containerd.sock'; then
    for child in $(pgrep -P "$shim" || true); do
      echo "killing leftover container process PID $child (shim $shim)" >&2
      kill -KILL "$child" 2>/dev/null || true
    done
    echo "killing leftover shim PID $shim" >&2
    kill -KILL "$shim" 2>/dev/null || true
  fi
done
exit 0
