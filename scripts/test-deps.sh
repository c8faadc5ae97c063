#!/usr/bin/env bash
# Installs the real tools the test suite runs (Debian packages): promtool and a Prometheus
# server, node-exporter, Alertmanager, the Python client library, the Docker engine and
# docker-compose, a local registry (docker-registry) for the swarm test, busybox for stand-in
# images, tmux for terminal tests. Needs root.
set -euo pipefail
packages=(prometheus prometheus-node-exporter prometheus-alertmanager python3-prometheus-client
          docker.io docker-compose docker-registry busybox-static tmux nodejs npm
          zsh bash-completion asciidoctor man-db)  # completion tests; man pages of the package
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
    echo "test-deps: everything is installed"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "test-deps: missing ${filtered[*]}; run as root: sudo $0" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${filtered[@]}"
