#!/usr/bin/env bash
# perf-bench.sh: throughput and memory of `preemptscope parse --stats` and `preemptscope analyze`
# on a large real perf capture.
#
# Usage:  bench/perf-bench.sh
#
#   Builds sample-traces/programs/syscallheavy (Go 1.19) and captures it once with
#   `preemptscope capture --backend perf -- syscallheavy 1000000 100000` into bench/out/perf-big/
#   (git-ignored; reused while it exists): about 240 MB of perf.txt, 2.2 M lines. Then times, RUNS
#   times each, `wc -l perf.txt` (the cost of finding the newlines), `parse --stats` and
#   `analyze --format json` with -Xmx256m, and prints best and median wall time, MB/s of the
#   median and the peak RSS. Needs root for perf (as capture does).
#
# Environment: RUNS (default 3), JAVA (default java), GO (default /usr/lib/go-1.19/bin/go).
set -euo pipefail
export LC_ALL=C
here="$(cd "$(dirname "$0")/.." && pwd)"
runs="${RUNS:-3}"
java="${JAVA:-java}"
go="${GO:-/usr/lib/go-1.19/bin/go}"
out="$here/bench/out"
bundle="$out/perf-big"
mkdir -p "$out"

"$here/preemptscope" --version >/dev/null # builds the jar when it is stale
jar="$here/analyzer/target/preemptscope.jar"
if [ ! -s "$bundle/perf.txt" ]; then
    (cd "$here/sample-traces/programs/syscallheavy" && "$go" build -trimpath -o "$out/syscallheavy" .)
    "$here/preemptscope" capture --backend perf --force --out "$bundle" -- "$out/syscallheavy" 1000000 100000 >/dev/null
fi
file="$bundle/perf.txt"
bytes=$(stat -c %s "$file")

declare -A times rss
run() { # key command...
    local key=$1
    shift
    /usr/bin/time -f '%e %M' -o "$out/time" "$@" >/dev/null 2>"$out/err"
    read -r s kb <"$out/time"
    times[$key]="${times[$key]:-} $s"
    [ "$kb" -gt "${rss[$key]:-0}" ] && rss[$key]=$kb
    return 0
}
report() { # key label
    local sorted best median
    sorted=$(printf '%s\n' ${times[$1]} | sort -n)
    best=$(echo "$sorted" | head -1)
    median=$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")
    printf '%-26s %4d MB  best %6.2f s  median %6.2f s  %6.1f MB/s  peak RSS %4d MiB\n' "$2" \
        $(( bytes / 1000000 )) "$best" "$median" "$(echo "$bytes / 1000000 / $median" | bc -l)" $(( ${rss[$1]} / 1024 ))
}
for _ in $(seq "$runs"); do
    run wc wc -l "$file"
    run parse "$java" -Xmx256m -jar "$jar" parse --stats "$file"
    run analyze "$java" -Xmx256m -jar "$jar" analyze --format json "$file"
done
echo "$(wc -l <"$file") lines, $(nproc) cores"
report wc "wc -l"
report parse "parse --stats"
report analyze "analyze --format json"
