#!/usr/bin/env bash
# make-standins.sh PROM_IMAGE GRAFANA_IMAGE APP_IMAGE [NODE_EXPORTER_IMAGE]
#
# Builds local stand-ins for base images that cannot be pulled here, with
# `docker import` only (no registry access), in a few seconds:
#   PROM_IMAGE     e.g. prom/prometheus:v3.5.0 - a real prometheus and promtool of the
#                  image's major ($PROMETHEUS_BIN and $PROMTOOL_BIN, default Debian's
#                  /usr/bin ones) as /bin/prometheus, /bin/promtool, their ldd libs, busybox
#                  applets (sh, wget, ...), nobody 65534; the official image's USER,
#                  WORKDIR, EXPOSE, VOLUME, ENTRYPOINT and CMD.
#   GRAFANA_IMAGE  e.g. grafana/grafana:12.2.1 - busybox rootfs with user grafana
#                  472:0, the official GF_PATHS_* layout and ownership, USER 472,
#                  EXPOSE 3000; /run.sh checks that every provisioning file is readable
#                  by 472 (exit 1 if not) and then serves GET /api/health on :3000.
#   APP_IMAGE      e.g. local/metrics-app:test - busybox `nc -ll` server on :80:
#                  GET /metrics or /actuator/prometheus (the Go/Node and the Spring Boot
#                  default paths) -> 200, Content-Type: text/plain; version=0.0.4 (none with
#                  CONTENT_TYPE=none in its environment), with per-container series
#                  (hostname label) and a request counter; else 404.
#   NODE_EXPORTER_IMAGE  e.g. prom/node-exporter:v1.9.0 (only if given) - the real
#                  node_exporter of that version ($NODE_EXPORTER_BIN, Debian's build) behind
#                  /bin/node_exporter, busybox, nobody 65534; the official image's USER,
#                  EXPOSE and ENTRYPOINT, and upstream's defaults where Debian changed them.
# Needs: docker (engine running), ldd, busybox-static, the Prometheus binaries.
set -euo pipefail

if [[ $# -ne 3 && $# -ne 4 ]]; then
  echo "usage: $0 PROM_IMAGE GRAFANA_IMAGE APP_IMAGE [NODE_EXPORTER_IMAGE]" >&2
  exit 2
fi
prom_image=$1
grafana_image=$2
app_image=$3
node_exporter_image=${4:-}

busybox=/bin/busybox
[[ -x /usr/bin/busybox ]] && busybox=/usr/bin/busybox
if ! file -L "$busybox" 2>/dev/null | grep -q 'statically linked' &&
  ! ldd "$busybox" 2>&1 | grep -q 'not a dynamic executable'; then
  echo "$busybox is not static: apt-get install busybox-static" >&2
  exit 2
fi
prometheus_bin=${PROMETHEUS_BIN:-/usr/bin/prometheus}
promtool_bin=${PROMTOOL_BIN:-/usr/bin/promtool}
for bin in "$prometheus_bin" "$promtool_bin"; do
  [[ -x $bin ]] || { echo "missing $bin (scripts/test-deps.sh fetches the Prometheus tools)" >&2; exit 2; }
done
if [[ -n $node_exporter_image ]]; then
  node_exporter_bin=${NODE_EXPORTER_BIN:-${MONSTACK_TEST_TOOLS:-/var/cache/monstack-test-tools}/prometheus-node-exporter/root/usr/bin/prometheus-node-exporter}
  [[ -x $node_exporter_bin ]] || { echo "missing $node_exporter_bin (scripts/upstream-tools.sh fetches node-exporter)" >&2; exit 2; }
  # The binary must be the version the image's tag pins (prom/node-exporter:v1.9.0 -> 1.9.0).
  want=${node_exporter_image##*:v}
  have=$("$node_exporter_bin" --version 2>&1 | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -n 1 || true)
  [[ $have == "$want" ]] || { echo "$node_exporter_bin is node_exporter ${have:-of no version}, $node_exporter_image needs $want" >&2; exit 2; }
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# add_busybox ROOT: /bin/busybox plus a symlink per applet (never overwriting a file).
add_busybox() {
  local root=$1 applet
  mkdir -p "$root/bin"
  cp "$busybox" "$root/bin/busybox"
  for applet in $("$busybox" --list); do
    [[ -e $root/bin/$applet || -L $root/bin/$applet ]] || ln -s busybox "$root/bin/$applet"
  done
}

# add_base ROOT: dirs, /tmp, nsswitch.conf.
add_base() {
  local root=$1
  mkdir -p "$root/etc" "$root/tmp" "$root/root" "$root/home" "$root/usr/bin" "$root/var"
  chmod 1777 "$root/tmp"
  chmod 700 "$root/root"
  printf 'passwd: files\ngroup: files\nhosts: files dns\nnetworks: files\n' >"$root/etc/nsswitch.conf"
}

# add_libs ROOT BINARY...: copy (dereferenced) every library ldd lists, loader included.
add_libs() {
  local root=$1 bin lib
  shift
  for bin in "$@"; do
    ldd "$bin" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'
  done | sort -u | while read -r lib; do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
}

# import ROOT IMAGE CHANGE...: tar ROOT (numeric owners) into IMAGE with --change lines.
import() {
  local root=$1 image=$2 change
  shift 2
  local args=()
  for change in "$@"; do args+=(--change "$change"); done
  tar --numeric-owner -C "$root" -c . |
    docker import "${args[@]}" --message "monstack e2e stand-in" - "$image" >/dev/null
  echo "built stand-in $image"
}

# ---------------------------------------------------------------- Prometheus
r=$work/prom
add_base "$r"
add_busybox "$r"
rm -f "$r/bin/prometheus" "$r/bin/promtool"
cp "$prometheus_bin" "$r/bin/prometheus"
cp "$promtool_bin" "$r/bin/promtool"
add_libs "$r" "$prometheus_bin" "$promtool_bin"
cat >"$r/etc/passwd" <<'PW'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/home:/bin/false
PW
cat >"$r/etc/group" <<'GR'
root:x:0:
nobody:x:65534:
GR
mkdir -p "$r/etc/prometheus" "$r/prometheus"
cat >"$r/etc/prometheus/prometheus.yml" <<'YML'
global:
  scrape_interval: 15s
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ["localhost:9090"]
YML
chown -R 65534:65534 "$r/etc/prometheus" "$r/prometheus"
chmod g+w "$r/prometheus"
import "$r" "$prom_image" \
  'USER nobody' \
  'WORKDIR /prometheus' \
  'EXPOSE 9090' \
  'VOLUME ["/prometheus"]' \
  'ENTRYPOINT ["/bin/prometheus"]' \
  'CMD ["--config.file=/etc/prometheus/prometheus.yml","--storage.tsdb.path=/prometheus"]'
echo "  carrying $("$prometheus_bin" --version 2>&1 | head -n 1)"

# ---------------------------------------------------------------- Grafana
r=$work/grafana
add_base "$r"
add_busybox "$r"
cat >"$r/etc/passwd" <<'PW'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/home:/bin/false
grafana:x:472:0::/home/grafana:/sbin/nologin
PW
cat >"$r/etc/group" <<'GR'
root:x:0:
nobody:x:65534:
GR
mkdir -p "$r/etc/grafana" "$r/usr/share/grafana/public/api" "$r/var/log/grafana" \
  "$r/var/lib/grafana/plugins" "$r/home/grafana"
for d in datasources dashboards notifiers plugins access-control alerting; do
  mkdir -p "$r/etc/grafana/provisioning/$d"
done
printf '; stand-in for the official grafana.ini\n' >"$r/etc/grafana/grafana.ini"
printf '{"database":"ok","version":"stand-in"}\n' >"$r/usr/share/grafana/public/api/health"
# Official image: chown -R grafana:root + chmod -R 777 on these paths.
chown -R 472:0 "$r/var/lib/grafana" "$r/var/log/grafana" "$r/etc/grafana/provisioning" "$r/home/grafana"
chmod -R 777 "$r/var/lib/grafana" "$r/var/log/grafana" "$r/etc/grafana/provisioning"
cat >"$r/run.sh" <<'SH'
#!/bin/sh
# Grafana stand-in: fail like Grafana would if a provisioning file is unreadable,
# list what was provisioned, then serve GET /api/health on :3000.
set -e
echo "grafana stand-in: uid=$(id -u) gid=$(id -g)"
bad=0
for f in $(find "$GF_PATHS_PROVISIONING" -type f); do
  if [ -r "$f" ]; then
    echo "provisioning: $f ($(stat -c '%u:%g %a' "$f"))"
  else
    echo "provisioning: CANNOT READ $f" >&2
    bad=1
  fi
done
[ "$bad" = 0 ] || exit 1
exec httpd -f -p 3000 -h "$GF_PATHS_HOME/public"
SH
chmod 755 "$r/run.sh"
import "$r" "$grafana_image" \
  'ENV PATH=/usr/share/grafana/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  'ENV GF_PATHS_CONFIG=/etc/grafana/grafana.ini' \
  'ENV GF_PATHS_DATA=/var/lib/grafana' \
  'ENV GF_PATHS_HOME=/usr/share/grafana' \
  'ENV GF_PATHS_LOGS=/var/log/grafana' \
  'ENV GF_PATHS_PLUGINS=/var/lib/grafana/plugins' \
  'ENV GF_PATHS_PROVISIONING=/etc/grafana/provisioning' \
  'WORKDIR /usr/share/grafana' \
  'USER 472' \
  'EXPOSE 3000' \
  'ENTRYPOINT ["/run.sh"]'

# ---------------------------------------------------------------- metrics app
r=$work/app
add_base "$r"
add_busybox "$r"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n' >"$r/etc/passwd"
printf 'root:x:0:\nnobody:x:65534:\n' >"$r/etc/group"
cat >"$r/bin/metrics-handler" <<'SH'
#!/bin/sh
# One HTTP/1.0 exchange on stdin/stdout (run by `nc -ll -e` per connection).
cr=$(printf '\r')
read -r method path proto || exit 0
while read -r line; do
  [ -z "${line%"$cr"}" ] && break
done
case "$path" in
  /metrics | /metrics\?* | /actuator/prometheus | /actuator/prometheus\?*)
    n=$(($(cat /tmp/requests 2>/dev/null || echo 0) + 1))
    echo "$n" >/tmp/requests
    host=$(hostname)
    body="# HELP app_requests_total Metrics requests served by this container.
# TYPE app_requests_total counter
app_requests_total{hostname=\"$host\"} $n
# HELP app_info Stand-in app info.
# TYPE app_info gauge
app_info{hostname=\"$host\",version=\"stand-in\"} 1
"
    # CONTENT_TYPE=none: no Content-Type header, as the book's Node app (restify, prom-client 11) sends
    if [ "${CONTENT_TYPE:-}" = none ]; then
      printf 'HTTP/1.0 200 OK\r\nContent-Length: %s\r\nConnection: close\r\n\r\n%s' "${#body}" "$body"
    else
      printf 'HTTP/1.0 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: %s\r\nConnection: close\r\n\r\n%s' "${#body}" "$body"
    fi
    ;;
  *)
    printf 'HTTP/1.0 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 10\r\nConnection: close\r\n\r\nnot found\n'
    ;;
esac
SH
chmod 755 "$r/bin/metrics-handler"
import "$r" "$app_image" \
  'EXPOSE 80' \
  'ENTRYPOINT ["/bin/busybox","nc","-ll","-p","80","-e","/bin/metrics-handler"]'

# ---------------------------------------------------------------- node-exporter
[[ -n $node_exporter_image ]] || exit 0
r=$work/node-exporter
add_base "$r"
add_busybox "$r"
mkdir -p "$r/usr/libexec"
cp "$node_exporter_bin" "$r/usr/libexec/node_exporter.debian"
add_libs "$r" "$node_exporter_bin"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n' >"$r/etc/passwd"
printf 'root:x:0:\nnobody:x:65534:\n' >"$r/etc/group"
# The official image runs the upstream binary as ENTRYPOINT ["/bin/node_exporter"], so a compose
# `command:` is its flags alone. Debian's build differs from upstream's in two defaults (its
# --help says so), which this wrapper sets back to upstream's unless the flags are given:
#  - the systemd collector is on (upstream: off); without D-Bus, as in a container, it fails
#    and logs an error on every scrape: --no-collector.systemd;
#  - mount points under /run, /mnt and /media are excluded (upstream excludes only
#    /run/credentials/...): upstream 1.9.0's mount-points-exclude.
# Given twice, a flag is refused ("cannot be repeated"), and mount-points-exclude may not go
# with mount-points-include: so a default is added only where the command sets neither.
cat >"$r/bin/node_exporter" <<'SH'
#!/bin/sh
systemd=--no-collector.systemd
mounts='--collector.filesystem.mount-points-exclude=^/(dev|proc|run/credentials/.+|sys|var/lib/docker/.+|var/lib/containers/storage/.+)($|/)'
for arg in "$@"; do
  case $arg in
    --collector.systemd | --collector.systemd=* | --no-collector.systemd) systemd= ;;
    --collector.filesystem.mount-points-* | --collector.filesystem.ignored-mount-points*) mounts= ;;
  esac
done
exec /usr/libexec/node_exporter.debian $systemd ${mounts:+"$mounts"} "$@"
SH
chmod 755 "$r/bin/node_exporter"
import "$r" "$node_exporter_image" \
  'USER nobody' \
  'EXPOSE 9100' \
  'ENTRYPOINT ["/bin/node_exporter"]'
echo "  carrying $("$node_exporter_bin" --version 2>&1 | head -n 1)"
