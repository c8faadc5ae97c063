#!/usr/bin/env bash
# Installs the real tools the test suite runs. From the machine's own Debian release: promtool and
# Prometheus 2.42 (for stacks that pin a 2.x image), node-exporter 1.5, the Python client library,
# the Docker engine, a local registry (docker-registry) for the swarm test, busybox for stand-in images, tmux for terminal tests.
# Then scripts/upstream-tools.sh unpacks the pinned upstream versions (Prometheus 3.x,
# Alertmanager 0.28.1, Compose v2 + buildx, exporters) from Debian sid/trixie into a cache folder,
# without touching the system's apt sources. Needs root for whatever is missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
packages=(prometheus prometheus-node-exporter python3-prometheus-client
          docker.io docker-registry busybox-static tmux nodejs npm
          zsh bash-completion asciidoctor man-db  # completion tests; man pages of the package
          postgresql mariadb-server redis-server nginx openssl  # servers the exporters of issue 17 watch
          iproute2)  # CheckE2ETest: an unreachable route for "no route to host"
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# A JDK, Maven and Node may come from elsewhere than Debian's packages: only ask apt for what is absent.
filtered=()
for p in "${missing[@]}"; do
    case "$p" in
        nodejs) command -v node >/dev/null || filtered+=("$p") ;;
        npm) command -v npm >/dev/null || filtered+=("$p") ;;
        *) filtered+=("$p") ;;
    esac
done
if [ "${#filtered[@]}" -eq 0 ]; then
    echo "test-deps: every Debian package is installed"
elif [ "$(id -u)" -ne 0 ]; then
    echo "test-deps: missing ${filtered[*]}; run as root: sudo $0" >&2
    exit 1
else
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${filtered[@]}"
fi
bash "$here/upstream-tools.sh"
