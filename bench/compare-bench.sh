#!/usr/bin/env bash
# compare-bench.sh: how long `compare` of two captures takes against one `analyze` of one of them.
# compare analyses its two sides in parallel, so on two cores it should take well under twice as
# long (target: below 2.2x).
#
# Usage:  bench/compare-bench.sh
#
# Environment: RUNS (default 3), MIN_BYTES (default 16000000), JAVA (default java), HEAP (default
#              256m, passed as -Xmx), SKIP_BUILD=1 (use the jar as it is).
#
# Inputs (bench/out/, git-ignored): compare-a.strace.txt and compare-b.strace.txt, each the real
# captures sample-traces/*.strace.txt concatenated whole until >= MIN_BYTES, B in the reverse
# order of A. Lines are never edited; the findings mean nothing, only the time is measured.
#
# Measurements, each RUNS times, best and median wall time (date +%s%N around the run):
#   analyze --format json A
#   compare --format json --checks no-regression A B
# Prints a Markdown table and writes it to bench/out/compare-bench.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${RUNS:-3}"
MIN_BYTES="${MIN_BYTES:-16000000}"
JAVA="${JAVA:-java}"
HEAP="${HEAP:-256m}"
out="$here/bench/out"
mkdir -p "$out"
jar="$here/analyzer/target/preemptscope.jar"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    "$here/preemptscope" --version >/dev/null
fi

build() { # build FILE FILES...
    local file="$1"; shift
    : >"$file.tmp"
    while [ "$(stat -c %s "$file.tmp")" -lt "$MIN_BYTES" ]; do
        cat "$@" >>"$file.tmp"
    done
    mv "$file.tmp" "$file"
}
mapfile -t samples < <(ls "$here"/sample-traces/*.strace.txt | sort)
mapfile -t reversed < <(printf '%s\n' "${samples[@]}" | sort -r)
a="$out/compare-a.strace.txt"
b="$out/compare-b.strace.txt"
[ -f "$a" ] || build "$a" "${samples[@]}"
[ -f "$b" ] || build "$b" "${reversed[@]}"

time_ms() { # time_ms CMD...: wall milliseconds of one run, its output discarded
    local t0 t1 rc=0
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || rc=$?
    t1=$(date +%s%N)
    [ "$rc" -le 1 ] || { echo "failed ($rc): $*" >&2; exit 1; }
    echo $(( (t1 - t0) / 1000000 ))
}
stats() { # best and median of the numbers on stdin
    sort -n | awk '{v[NR]=$1} END {printf "%d %d\n", v[1], v[int((NR+1)/2)]}'
}
analyze=()
compare=()
for _ in $(seq "$RUNS"); do
    analyze+=("$(time_ms "$JAVA" -Xmx"$HEAP" -jar "$jar" analyze --format json --max-reported 0 "$a")")
    compare+=("$(time_ms "$JAVA" -Xmx"$HEAP" -jar "$jar" compare --format json --max-reported 0 "$a" "$b")")
done
read -r ab am < <(printf '%s\n' "${analyze[@]}" | stats)
read -r cb cm < <(printf '%s\n' "${compare[@]}" | stats)
{
    echo "| command | input | best s | median s |"
    echo "|---|---|---:|---:|"
    printf '| `analyze --format json` | A, %s bytes | %.2f | %.2f |\n' "$(stat -c %s "$a")" "$(echo "$ab/1000" | bc -l)" "$(echo "$am/1000" | bc -l)"
    printf '| `compare --format json` | A and B, %s bytes | %.2f | %.2f |\n' "$(stat -c %s "$b")" "$(echo "$cb/1000" | bc -l)" "$(echo "$cm/1000" | bc -l)"
    printf '\ncompare / analyze: %.2fx (best), %.2fx (median); target < 2.2x; %d runs each, -Xmx%s, %s cores\n' \
        "$(echo "$cb/$ab" | bc -l)" "$(echo "$cm/$am" | bc -l)" "$RUNS" "$HEAP" "$(nproc)"
} | tee "$out/compare-bench.md"
