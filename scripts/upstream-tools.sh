#!/usr/bin/env bash
# Fetches the upstream tools the tests run at the versions generated stacks pin (Prometheus 3.x,
# Alertmanager 0.28.1, Compose v2 + buildx, exporters) as Debian .debs from sid and trixie, and
# unpacks them into a cache folder. Nothing is installed and the system's apt sources and state
# are left alone: a private sources list, lists folder and cache per suite (adding sid or trixie
# to the system's sources would upgrade libc and more). These are Go programs that run on bookworm.
#
#   MONSTACK_TEST_TOOLS  the cache folder (default /var/cache/monstack-test-tools); per package:
#                        PKG/root (the unpacked .deb), PKG/version (upstream version it reports),
#                        PKG/deb-version; docker-cli-plugins/ holds docker-compose + docker-buildx.
#
# Idempotent: a package already unpacked whose binary still reports an accepted version is kept,
# without network. sid moves: Prometheus and promtool must be of the pinned image's 3.5 line (the
# LTS; a newer sid fails here with one line), Compose and buildx of their major. trixie is
# a stable release: its versions are exact. Any failure is one line on stderr and exit 1.
set -euo pipefail

cache=${MONSTACK_TEST_TOOLS:-/var/cache/monstack-test-tools}

# suite package binary(relative to the unpacked root) version-argument accepted-version(regex, anchored)
tools=(
    "sid     prometheus                   usr/bin/prometheus                              --version  3\.5\..*"
    "sid     promtool                     usr/bin/promtool                                --version  3\.5\..*"
    "sid     docker-compose               usr/libexec/docker/cli-plugins/docker-compose   version    2\..*"
    "sid     docker-buildx                usr/libexec/docker/cli-plugins/docker-buildx    version    0\..*"
    "trixie  prometheus-alertmanager      usr/bin/prometheus-alertmanager                 --version  0\.28\.1"
    "trixie  prometheus-node-exporter     usr/bin/prometheus-node-exporter                --version  1\.9\.0"
    "trixie  prometheus-postgres-exporter usr/bin/prometheus-postgres-exporter            --version  0\.17\.1"
    "trixie  prometheus-mysqld-exporter   usr/bin/prometheus-mysqld-exporter              --version  0\.17\.2"
    "trixie  prometheus-redis-exporter    usr/bin/prometheus-redis-exporter               --version  1\.69\.0"
    "trixie  prometheus-nginx-exporter    usr/bin/prometheus-nginx-exporter               --version  1\.4\.1"
    "trixie  prometheus-blackbox-exporter usr/bin/prometheus-blackbox-exporter            --version  0\.26\.0"
)

die() {
    echo "upstream-tools: $*" >&2
    exit 1
}

# The first error apt logged, else its first warning.
first_error() {
    { grep -E '^E:' "$1" || grep -E '^W:' "$1" || tail -n 1 "$1"; } | head -n 1
}

# The first x.y.z a binary prints for its version argument; empty if it does not run.
reported_version() {
    local out
    out=$("$1" "$2" 2>&1 | head -n 3) || return 0
    grep -oE '[0-9]+\.[0-9]+\.[0-9]+' <<<"$out" | head -n 1 || true
}

# The Debian mirror of the machine's own active apt sources (the one serving its release's main).
system_mirror() {
    local codename
    codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
    apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(COMPONENT)' 'Identifier: Packages' 2>/dev/null |
        awk -v c="$codename" '$2 == c && $3 == "main" { print $1; exit }'
}

# A private apt configuration for one suite (no system sources, pins or caches): options for
# apt-get; its lists are updated once per run.
declare -A apt_ready=()
apt_options() {
    local suite=$1 dir=$work/apt-$1
    echo "-o Dir::Etc::sourcelist=$dir/sources.list -o Dir::Etc::sourceparts=$dir/empty -o Dir::State::Lists=$dir/lists" \
        "-o Dir::Cache=$dir/cache -o Dir::Etc::preferencesparts=$dir/empty -o Dir::Etc::preferences=$dir/empty/none" \
        "-o Acquire::Languages=none -o APT::Sandbox::User=root -q"
}
prepare_suite() {
    local suite=$1 dir=$work/apt-$1
    [[ -n ${apt_ready[$suite]:-} ]] && return 0
    mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/empty"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $suite main" >"$dir/sources.list"
    # shellcheck disable=SC2046
    apt-get $(apt_options "$suite") update >"$dir/update.log" 2>&1 ||
        die "apt-get update of Debian $suite from $mirror failed: $(first_error "$dir/update.log")"
    apt_ready[$suite]=1
}

# fetch SUITE PACKAGE: download the .deb and unpack it into the cache (atomically: temp, then rename).
fetch() {
    local suite=$1 pkg=$2 deb
    prepare_suite "$suite"
    mkdir -p "$work/debs/$pkg"
    # shellcheck disable=SC2046
    (cd "$work/debs/$pkg" && apt-get $(apt_options "$suite") download "$pkg" >download.log 2>&1) ||
        die "cannot download $pkg from Debian $suite: $(first_error "$work/debs/$pkg/download.log")"
    deb=$(ls "$work/debs/$pkg"/*.deb)
    rm -rf "$cache/.new-$pkg"
    mkdir -p "$cache/.new-$pkg/root"
    dpkg-deb -x "$deb" "$cache/.new-$pkg/root" || die "cannot unpack $deb"
    dpkg-deb -f "$deb" Version >"$cache/.new-$pkg/deb-version"
    rm -rf "$cache/$pkg"
    mv "$cache/.new-$pkg" "$cache/$pkg"
}

mkdir -p "$cache" || die "cannot create $cache (set MONSTACK_TEST_TOOLS to a writable folder)"
exec 9>"$cache/.lock"
flock 9 # two worktrees may run this at once
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mirror=""

for line in "${tools[@]}"; do
    read -r suite pkg bin arg accepted <<<"$line"
    have=""
    [[ -x $cache/$pkg/root/$bin ]] && have=$(reported_version "$cache/$pkg/root/$bin" "$arg")
    if ! [[ $have =~ ^($accepted)$ ]]; then
        if [[ -z $mirror ]]; then
            mirror=$(system_mirror)
            [[ -n $mirror ]] || die "no Debian mirror found in the system's apt sources (apt-get indextargets)"
        fi
        fetch "$suite" "$pkg"
        [[ -x $cache/$pkg/root/$bin ]] || die "$pkg from Debian $suite has no $bin"
        have=$(reported_version "$cache/$pkg/root/$bin" "$arg")
        [[ $have =~ ^($accepted)$ ]] ||
            die "$pkg from Debian $suite reports version '${have:-none}' ($bin $arg), the tests need ${accepted//\\/}"
    fi
    echo "$have" >"$cache/$pkg/version"
    printf 'upstream-tools: %-29s %-8s (Debian %s %s)\n' "$pkg" "$have" "$suite" "$(cat "$cache/$pkg/deb-version")"
done

# amtool comes with the alertmanager package.
am=$cache/prometheus-alertmanager/root/usr/bin/amtool
[[ $(reported_version "$am" --version) == 0.28.1 ]] || die "$am does not report 0.28.1"

# Compose v2 and buildx as docker CLI plugins: tests point DOCKER_CONFIG at a folder whose
# cli-plugins links here, so nothing is added to the system's plugin folders.
mkdir -p "$cache/docker-cli-plugins"
for plugin in docker-compose docker-buildx; do
    ln -sfn "$cache/$plugin/root/usr/libexec/docker/cli-plugins/$plugin" "$cache/docker-cli-plugins/$plugin"
done
echo "upstream-tools: ready in $cache"
