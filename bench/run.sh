#!/usr/bin/env bash
# The performance benchmark of SPEC §8, as recorded in docs/PERFORMANCE.md.
#
# Generates a realistic log (10,000 decisions and 2,000 reviews, ~48 MB) once
# into a temporary folder, builds the release binary, then times each command
# with hyperfine against `rg -c '^status:'` over the same folder and measures
# peak memory with GNU time. Prints one table: mean time, ratio to rg, the
# SPEC's target ratio, and peak resident memory.
#
# Usage: bench/run.sh [DECISIONS] [REVIEWS]
# Environment: BENCH_DIR (default: $TMPDIR/decide-bench), RUNS (default 10),
#              INSTALL=1 to apt-get install missing tools instead of stopping.
set -euo pipefail

decisions=${1:-10000}
reviews=${2:-2000}
runs=${RUNS:-10}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-${TMPDIR:-/tmp}/decide-bench}
log="$work/log-$decisions-$reviews"
# Time-dependent rules and metrics are pinned, so every run does the same work.
as_of=2026-03-01

# The tools the benchmark needs: ripgrep is the baseline, hyperfine times,
# GNU time (not the shell keyword) measures peak memory.
need() {
    local tool=$1 package=$2
    if command -v "$tool" >/dev/null 2>&1; then
        return
    fi
    if [[ ${INSTALL:-0} == 1 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "bench: $tool is missing; installing the $package package with apt-get" >&2
        apt-get install -y "$package" >&2
    else
        echo "bench: $tool is missing; install the $package package (or rerun with INSTALL=1 on Debian/Ubuntu)" >&2
        exit 2
    fi
}
need rg ripgrep
need hyperfine hyperfine
need awk gawk
if [[ ! -x /usr/bin/time ]]; then
    need /usr/bin/time time
fi
echo "bench: using $(rg --version | head -1), $(hyperfine --version), GNU time at /usr/bin/time" >&2

echo "bench: building the release binary and the log generator" >&2
(cd "$repo" && cargo build --release --quiet --bin decide --example gen-log)
decide="$repo/target/release/decide"

if [[ ! -d $log ]]; then
    echo "bench: generating $decisions decisions and $reviews reviews into $log" >&2
    mkdir -p "$work"
    "$repo/target/release/examples/gen-log" "$log.tmp" "$decisions" "$reviews"
    mv "$log.tmp" "$log"
else
    echo "bench: reusing the log in $log" >&2
fi
# The file a pre-commit hook would pass: the 42nd decision, or the last of a smaller log.
one=$(find "$log" -maxdepth 1 -name '[0-9]*.md' | sort | sed -n '1,42p' | tail -1)
size=$(du -s --apparent-size --block-size=1M "$log" | cut -f1)
files=$(find "$log" -type f | wc -l)
echo "bench: $files files, $size MB" >&2

# name | target ratio to rg | command
benches=(
    "rg -c '^status:'|-|rg -c '^status:' $log"
    "decide list|3|$decide --dir $log list"
    "decide check|5|$decide --dir $log check --exit-zero --as-of $as_of"
    "decide report|5|$decide --dir $log report --as-of $as_of"
    "decide check ONE_FILE|2|$decide --dir $log check --exit-zero --as-of $as_of $one"
)

csv="$work/times.csv"
args=()
for b in "${benches[@]}"; do
    IFS='|' read -r name _ command <<<"$b"
    args+=(--command-name "$name" "$command")
done
hyperfine --style basic --warmup 2 --runs "$runs" --export-csv "$csv" "${args[@]}" >&2

printf '\n%-24s %10s %8s %8s %12s\n' command "mean (s)" "× rg" target "peak RSS MB"
rg_mean=""
for b in "${benches[@]}"; do
    IFS='|' read -r name target command <<<"$b"
    mean=$(awk -F, -v n="$name" 'NR > 1 && $1 == n { print $2 }' "$csv")
    [[ -z $rg_mean ]] && rg_mean=$mean
    # %M is the peak resident set size in KB; the best of three runs.
    peak=$(for _ in 1 2 3; do
        /usr/bin/time -f %M bash -c "$command >/dev/null 2>&1" 2>&1 >/dev/null | tail -1
    done | sort -n | head -1)
    awk -v n="$name" -v m="$mean" -v r="$rg_mean" -v t="$target" -v p="$peak" 'BEGIN {
        printf "%-24s %10.3f %8.1f %8s %12.1f\n", n, m, m / r, (t == "-" ? "-" : "≤ " t "×"), p / 1024
    }'
done
echo
echo "peak memory target: < 64 MB; $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
