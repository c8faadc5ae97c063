#!/usr/bin/env bash
# The benchmark of README.md ("Performance"): builds and installs monstack into a temporary
# prefix (with its class-data sharing archive, as install.sh does for users), and builds the
# self-contained package (scripts/package.sh; its .tar.gz unpacked, the same files as the .deb),
# runs each start-up case several times on both and prints medians and ratios; the large specs
# run on the install.sh build.
#   bash bench/run.sh [RUNS]      (default 15 runs for start-up cases, 5 for large specs)
set -euo pipefail
runs="${1:-15}"
big_runs=5
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sample="$root/samples/diamol-ch09/monstack.yml"

PREFIX="$work/prefix" bash "$root/install.sh" >/dev/null
m="$work/prefix/bin/monstack"
MONSTACK_BUILD_DIR="$work/package-build" bash "$root/scripts/package.sh" >/dev/null
mkdir -p "$work/packaged"
tar -xzf "$work"/package-build/dist/monstack-*-linux-*.tar.gz -C "$work/packaged"
p="$(echo "$work"/packaged/monstack-*/bin/monstack)"

now_ms() { date +%s%N | awk '{printf "%.3f", $1/1000000}'; }
median() { python3 -c 'import sys,statistics; print("%.1f" % statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }

# time_case RUNS SETUP CMD...: runs SETUP (untimed) then CMD, RUNS times; prints the median ms.
time_case() {
    local n="$1" setup="$2"; shift 2
    local samples=()
    for ((i = 0; i < n; i++)); do
        eval "$setup"
        local start end
        start=$(now_ms)
        "$@" >/dev/null 2>&1
        end=$(now_ms)
        samples+=("$(python3 -c "print($end - $start)")")
    done
    median "${samples[@]}"
}

echo "monstack benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -1)"
echo
ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }
java_ms=$(time_case "$runs" ":" java -version)
printf '%-52s %10s %7s %10s %7s\n' "start-up case (median of $runs)" "install.sh" "x java" "package" "x java"
printf '%-52s %10s %7s\n' "java -version" "$java_ms" "1.00"
# both_cases LABEL SETUP ARGS...: the case on the install.sh build, then on the packaged one
both_cases() {
    local label="$1" setup="$2"
    shift 2
    local a b
    a=$(time_case "$runs" "$setup" "$m" "$@")
    b=$(time_case "$runs" "$setup" "$p" "$@")
    printf '%-52s %10s %7s %10s %7s\n' "$label" "$a" "$(ratio "$a" "$java_ms")" "$b" "$(ratio "$b" "$java_ms")"
}
both_cases "monstack --version" ":" --version
both_cases "monstack init --from <sample> --no-input (empty dir)" "rm -rf '$work/s'" init "$work/s" --from "$sample" --no-input
echo

# Large specs: 200 and 2,000 services (10 static hosts per static service, every 10th on DNS,
# a quarter with 4 custom metrics), rendered with the heap capped at 256 MB.
export MONSTACK_JAVA_OPTS="-Xmx256m"
printf '%-40s %9s %9s %9s %10s\n' "large spec (median of $big_runs, -Xmx256m)" "init ms" "regen ms" "change ms" "max RSS MB"
declare -A regen
toggle_interval() {
    if grep -q '^  scrapeInterval: 15s$' "$1"; then
        sed -i 's/^  scrapeInterval: 15s$/  scrapeInterval: 16s/' "$1"
    else
        sed -i 's/^  scrapeInterval: 16s$/  scrapeInterval: 15s/' "$1"
    fi
}
for n in 200 2000; do
    python3 "$root/bench/make-spec.py" "$n" "$work/big-$n.yml"
    hosts=$(grep -o 'svc-[0-9]*-[0-9]*:8080' "$work/big-$n.yml" | wc -l)
    init=$(time_case "$big_runs" "rm -rf '$work/b$n'" "$m" init "$work/b$n" --from "$work/big-$n.yml" --no-input)
    regen[$n]=$(time_case "$big_runs" ":" "$m" generate "$work/b$n")
    # a change that touches every job's config but no dashboard: the global scrape interval
    change=$(time_case "$big_runs" "toggle_interval '$work/b$n/monstack.yml'" "$m" generate "$work/b$n")
    rss=$( { /usr/bin/time -f '%M' "$m" generate "$work/b$n" >/dev/null; } 2>&1 | tail -1)
    printf '%-40s %9s %9s %9s %10s\n' "$n services, $hosts static hosts" "$init" "${regen[$n]}" "$change" "$((rss / 1024))"
done
printf 'regenerate growth 200 -> 2000 services: %sx for 10x the services\n' "$(ratio "${regen[2000]}" "${regen[200]}")"
echo
if command -v promtool >/dev/null; then
    promtool check config "$work/b2000/prometheus/prometheus.yml" >/dev/null && echo "promtool check config (2000 services): SUCCESS"
fi
echo "add-target on the 2000-service stack rewrites only what changes:"
"$m" add-target bench-extra -C "$work/b2000" --runtime go --static extra:9000 | sed 's/^/  /'
