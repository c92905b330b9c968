#!/usr/bin/env bash
# Times `timeline` against `analyze --format json` on a real capture (caddy under load, 14 MB of
# strace output, sample-traces/verdicts/caddy-default.strace.txt.gz decompressed, or FILE when
# given), the runs interleaved so that load from elsewhere hits both alike; then checks that
# `timeline` stays within -Xmx256m on a large capture (the same log concatenated COPIES times).
# Not part of the test run. Prints best and median seconds of RUNS runs, their ratio, peak RSS.
#
# Usage: bench/timeline-bench.sh [FILE]
# Environment: RUNS (default 3), COPIES (default 8), HEAP (default 256m), JAVA (default java).
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
runs=${RUNS:-3}
copies=${COPIES:-8}
heap=${HEAP:-256m}
java=${JAVA:-java}
jar="$here/analyzer/target/preemptscope.jar"
"$here/preemptscope" --version >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ $# -ge 1 ]; then
    cp "$1" "$work/capture.strace.txt"
else
    zcat "$here/sample-traces/verdicts/caddy-default.strace.txt.gz" >"$work/capture.strace.txt"
fi
for _ in $(seq "$copies"); do cat "$work/capture.strace.txt"; done >"$work/large.strace.txt"

declare -A times rss
run() { # key file args...
    local key=$1 file=$2
    shift 2
    /usr/bin/time -f '%e %M' -o "$work/time" "$java" -Xmx"$heap" -jar "$jar" "$@" "$file" >/dev/null 2>"$work/err"
    read -r s kb <"$work/time"
    times[$key]="${times[$key]:-} $s"
    [ "$kb" -gt "${rss[$key]:-0}" ] && rss[$key]=$kb
    return 0
}
report() { # key label file
    local sorted
    sorted=$(printf '%s\n' ${times[$1]} | sort -n)
    printf '%-34s %5s MB  best %6.2f s  median %6.2f s  peak RSS %4d MiB\n' "$2" \
        "$(( $(stat -c %s "$3") / 1000000 ))" "$(echo "$sorted" | head -1)" \
        "$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")" $(( ${rss[$1]} / 1024 ))
}
median() { printf '%s\n' ${times[$1]} | sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }

for _ in $(seq "$runs"); do
    run analyze "$work/capture.strace.txt" analyze --format json --max-reported 0
    run timeline "$work/capture.strace.txt" timeline --force -o "$work/t.json" --max-reported 0
    run timelinegz "$work/capture.strace.txt" timeline --force -o "$work/t.json.gz" --max-reported 0
done
report analyze "analyze --format json" "$work/capture.strace.txt"
report timeline "timeline -o t.json" "$work/capture.strace.txt"
report timelinegz "timeline -o t.json.gz" "$work/capture.strace.txt"
printf 'timeline / analyze (medians): %.2f, gzipped %.2f\n' \
    "$(echo "$(median timeline) / $(median analyze)" | bc -l)" "$(echo "$(median timelinegz) / $(median analyze)" | bc -l)"
ls -l "$work/t.json" "$work/t.json.gz" | awk '{print $5, $9}'
runs=1
run analyzelarge "$work/large.strace.txt" analyze --format json --max-reported 0
run timelinelarge "$work/large.strace.txt" timeline --force -o "$work/large.json.gz" --max-reported 0
report analyzelarge "analyze --format json (large)" "$work/large.strace.txt"
report timelinelarge "timeline -o large.json.gz (large)" "$work/large.strace.txt"
