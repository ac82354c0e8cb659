#!/usr/bin/env bash
# The performance benchmark of SPEC §8, as recorded in docs/PERFORMANCE.md.
#
# Generates a realistic log (10,000 decisions and 2,000 reviews, ~48 MB) once
# into a temporary folder, builds the release binary, then times each command
# with hyperfine against `rg -c '^status:'` over the same folder and measures
# peak memory with GNU time. Prints one table: mean time, ratio to rg, the
# SPEC's target ratio and whether it is met, and peak resident memory
# against its target; adrs' figures on the same log where adrs is installed.
# The cached rows include a run after touching one file, which writes the
# cache again (a checkout changes times, not text).
#
# Usage: bench/run.sh [DECISIONS] [REVIEWS]
# Environment: BENCH_DIR (default: $TMPDIR/decide-bench), RUNS (default 10),
#              INSTALL=1 to apt-get install missing tools instead of stopping,
#              SCALE=1 to run again at ten times the size (BIG_RUNS runs, default
#              3) and check that every command takes at most 11× as long.
# Exits 1 when a target is missed, so the table is not the only place to look.
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
echo "bench: using $(rg --version 2>/dev/null | head -1), $(hyperfine --version), GNU time at /usr/bin/time" >&2

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

# Whether this build has the check cache (issue 14): the cold figures bypass it.
no_cache=""
if "$decide" check --help 2>/dev/null | grep -q -- '--no-cache'; then
    no_cache=--no-cache
fi
check="$decide --dir $log check --exit-zero --as-of $as_of"

# name | target ratio to rg | command. The targets are SPEC §8's.
benches=(
    "rg -c '^status:'|-|rg -c '^status:' $log"
    "decide list|2|$decide --dir $log list"
    "decide check|3|$check $no_cache"
    "decide report|3|$decide --dir $log report --as-of $as_of"
    "decide check ONE_FILE|1.5|$check $no_cache $one"
)
if [[ -n $no_cache ]]; then
    # Nothing changed since the last run (hyperfine's warm-up runs fill the
    # cache). The whole log cached has no target; it is shown for reference.
    benches+=(
        "decide check ONE_FILE cached|1|$check $one"
        "decide check cached|-|$check"
        # One file's time changed but not its text (a checkout, a rebase):
        # the run compares its hash and writes the cache again.
        "decide check after touch|-|$check|touch $one"
    )
fi

# adrs (the Rust ADR tool) where it is installed: on a copy of the log with
# its `number:` key added, as its `--ng` mode wants, with decide on that copy too.
if command -v adrs >/dev/null 2>&1; then
    ng="$work/adrs-$decisions-$reviews"
    if [[ ! -d $ng ]]; then
        echo "bench: copying the log for adrs into $ng/doc/adr, with number: added" >&2
        mkdir -p "$ng.tmp/doc"
        cp -r "$log" "$ng.tmp/doc/adr"
        printf 'doc/adr\n' >"$ng.tmp/.adr-dir"
        find "$ng.tmp/doc/adr" -maxdepth 1 -name '[0-9]*.md' -print0 |
            xargs -0 perl -i -pe 'if ($. == 1 && $ARGV =~ m{/0*(\d+)-[^/]*$}) { $_ .= "number: $1\n" } close ARGV if eof'
        mv "$ng.tmp" "$ng"
    fi
    benches+=(
        "adrs --ng list|-|cd $ng && adrs --ng list"
        "adrs --ng doctor|-|cd $ng && adrs --ng doctor"
        "decide list (adrs copy)|2|$decide --dir $ng/doc/adr list"
        "decide check (adrs copy)|3|$decide --dir $ng/doc/adr check --exit-zero --as-of $as_of $no_cache"
        "decide report (adrs copy)|3|$decide --dir $ng/doc/adr report --as-of $as_of"
    )
else
    echo "bench: adrs is not installed; its figures are left out (cargo install adrs)" >&2
fi

csv="$work/times-$decisions.csv"
args=()
# Each command's preparation, run before each of its runs (`true` for none).
prepares=()
for b in "${benches[@]}"; do
    IFS='|' read -r name _ command prepare <<<"$b"
    args+=(--command-name "$name" "$command")
    prepares+=(--prepare "${prepare:-true}")
done
hyperfine --style basic --warmup 2 --runs "$runs" --export-csv "$csv" "${prepares[@]}" "${args[@]}" >&2

# Peak resident memory in KB, the best of three runs (GNU time's %M).
peak_kb() {
    for _ in 1 2 3; do
        /usr/bin/time -f %M bash -c "$1 >/dev/null 2>&1" 2>&1 >/dev/null | tail -1
    done | sort -n | head -1
}

# The memory target: 32 MB at 10,000 decisions, 128 MB at 100,000 (SPEC §8).
mem_target=32
((decisions > 10000)) && mem_target=128

printf '\n%-30s %10s %8s %8s %6s %12s %6s\n' command "mean (s)" "× rg" target met "peak RSS MB" "≤ $mem_target"
rg_mean=""
failed=0
for b in "${benches[@]}"; do
    IFS='|' read -r name target command prepare <<<"$b"
    mean=$(awk -F, -v n="$name" 'NR > 1 && $1 == n { print $2 }' "$csv")
    [[ -z $rg_mean ]] && rg_mean=$mean
    peak=$(peak_kb "${prepare:-true}; $command")
    line=$(awk -v n="$name" -v m="$mean" -v r="$rg_mean" -v t="$target" -v p="$peak" -v mt="$mem_target" 'BEGIN {
        ratio = m / r
        met = (t == "-") ? "" : (ratio <= t ? "yes" : "NO")
        mem = (n ~ /^decide/) ? (p / 1024 <= mt ? "yes" : "NO") : ""
        printf "%-30s %10.3f %8.2f %8s %6s %12.1f %6s\n", n, m, ratio, (t == "-" ? "-" : "≤ " t "×"), met, p / 1024, mem
    }')
    echo "$line"
    [[ $line == *NO* ]] && failed=1
done
echo
echo "targets: SPEC §8; $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"

# Linearity: with SCALE=1 the same commands run on a log ten times larger,
# and each must take at most 11× its time here (SPEC §8: cost grows linearly).
if [[ ${SCALE:-0} == 1 ]]; then
    big=$((decisions * 10))
    echo
    echo "bench: the same at $big decisions, for the linearity bound" >&2
    RUNS=${BIG_RUNS:-3} SCALE=0 "$0" "$big" $((reviews * 10)) >"$work/scale-$big.txt" || true
    cat "$work/scale-$big.txt"
    big_csv="$work/times-$big.csv"
    printf '\n%-30s %12s %12s %8s %6s\n' command "10k mean (s)" "100k mean (s)" ratio "≤ 11×"
    for b in "${benches[@]}"; do
        IFS='|' read -r name _ _ <<<"$b"
        small=$(awk -F, -v n="$name" 'NR > 1 && $1 == n { print $2 }' "$csv")
        large=$(awk -F, -v n="$name" 'NR > 1 && $1 == n { print $2 }' "$big_csv")
        [[ -z $large ]] && continue
        line=$(awk -v n="$name" -v s="$small" -v l="$large" 'BEGIN {
            printf "%-30s %12.3f %12.3f %8.2f %6s\n", n, s, l, l / s, (l / s <= 11 ? "yes" : "NO")
        }')
        echo "$line"
        [[ $line == *NO* ]] && failed=1
    done
fi
exit "$failed"
