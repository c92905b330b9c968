#!/usr/bin/env bash
# Times `report` against `analyze --format json` on a real capture (caddy under load, 14 MB of
# strace output, sample-traces/verdicts/caddy-default.strace.txt.gz decompressed), then checks
# that `report` stays within -Xmx256m on a large capture (the same log concatenated COPIES times).
# Not part of the test run. Prints best and median seconds of RUNS runs and peak RSS.
#
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
zcat "$here/sample-traces/verdicts/caddy-default.strace.txt.gz" >"$work/caddy.strace.txt"
for _ in $(seq "$copies"); do cat "$work/caddy.strace.txt"; done >"$work/large.strace.txt"

measure() { # label file args...
    local label=$1 file=$2
    shift 2
    local times=() rss=0
    for _ in $(seq "$runs"); do
        /usr/bin/time -f '%e %M' -o "$work/time" "$java" -Xmx"$heap" -jar "$jar" "$@" "$file" >/dev/null 2>"$work/err" || true
        read -r s kb <"$work/time"
        times+=("$s")
        [ "$kb" -gt "$rss" ] && rss=$kb
    done
    local sorted
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    printf '%-44s %8s MB  best %6.2f s  median %6.2f s  peak RSS %4d MiB\n' "$label" \
        "$(( $(stat -c %s "$file") / 1000000 ))" "$(echo "$sorted" | head -1)" \
        "$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")" $(( rss / 1024 ))
}

measure "analyze --format json" "$work/caddy.strace.txt" analyze --format json --max-reported 0
measure "report" "$work/caddy.strace.txt" report --force -o "$work/caddy.html" --max-reported 0
measure "analyze --format json (large)" "$work/large.strace.txt" analyze --format json --max-reported 0
measure "report (large)" "$work/large.strace.txt" report --force -o "$work/large.html" --max-reported 0
ls -l "$work/caddy.html" "$work/large.html" | awk '{print $5, $9}'
