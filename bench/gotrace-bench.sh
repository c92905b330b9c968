#!/usr/bin/env bash
# gotrace-bench.sh: decode throughput and memory of `preemptscope parse --stats` on a large Go
# execution trace (v1, `go 1.19 trace`) against go1.19's own `go tool trace -d`.
#
# Usage:  bench/gotrace-bench.sh
#
#   1. Builds bench/gotrace-busy (a busy Go program, standard library only) with Go 1.19 and runs
#      it once to write bench/out/busy.trace of at least MIN_BYTES (reused on later runs when it
#      is big enough; delete it to regenerate). bench/out/ is git-ignored.
#   2. Builds the jar if it is missing (SKIP_BUILD=1: use it as it is).
#   3. Measures, in this order, RUNS times each:
#        go tool trace -d FILE > /dev/null
#        java -Xmx$HEAP -Xlog:gc:file=... -jar analyzer/target/preemptscope.jar parse --stats FILE
#      (HEAP defaults to 5 x the file size: the target is met under the target's own limit)
#      wall time (date +%s%N around the run), MB/s (10^6 bytes of trace per s), events/s (the
#      event count preemptscope reports; go tool trace -d prints one line per event, which
#      VERIFY=1 checks once with wc -l), peak RSS (/usr/bin/time -v "Maximum resident set size").
#      The GC log gives the largest heap occupancy after a GC (the live set) and before one.
#        java -Xmx$HEAP -jar ... parse --format text FILE > /dev/null
#      the like-for-like comparison: every event printed, as go tool trace -d does.
#   4. Runs preemptscope once more with -Xmx set to 5 x the file size and -XX:+ExitOnOutOfMemoryError:
#      does the heap target hold?
#   Prints a Markdown table and writes it to bench/out/gotrace-bench.md.
#
# Targets: >= 10x the speed of go tool trace -d; Java heap <= 5x the file size.
# Environment: GO (default /usr/lib/go-1.19/bin/go), JAVA (default java), RUNS (default 3),
#   MIN_BYTES (default 52428800 = 50 MiB), HEAP (default 5 x the file size), VERIFY=1, SKIP_BUILD=1.
# The machine is shared: the figures are provisional; the table records nproc, the load average
# before and after, and the Java and Go versions.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
repo="$(cd "$here/.." && pwd)"
out="$repo/bench/out"
jar="$repo/analyzer/target/preemptscope.jar"
GO="${GO:-/usr/lib/go-1.19/bin/go}"
JAVA="${JAVA:-java}"
RUNS="${RUNS:-3}"
MIN_BYTES="${MIN_BYTES:-52428800}"
trace="$out/busy.trace"
md="$out/gotrace-bench.md"

case "${1:-}" in
    "") ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0" >&2; exit 2 ;;
esac
mkdir -p "$out"

# ---- input ------------------------------------------------------------------------------------
size() { stat -c %s "$1" 2>/dev/null || echo 0; }
if (( $(size "$trace") < MIN_BYTES )); then
    echo "build: bench/gotrace-busy" >&2
    (cd "$here/gotrace-busy" && "$GO" build -trimpath -o "$out/gotrace-busy" .)
    echo "run:   gotrace-busy $trace $MIN_BYTES" >&2
    "$out/gotrace-busy" "$trace" "$MIN_BYTES" >&2
fi
bytes=$(size "$trace")
if (( bytes < MIN_BYTES )); then echo "trace is only $bytes bytes" >&2; exit 1; fi
header="$(head -c 16 "$trace" | tr -d '\0')"
HEAP="${HEAP:-$(( bytes * 5 / 1048576 ))m}"

if [[ "${SKIP_BUILD:-}" != 1 && ! -f "$jar" ]]; then
    (cd "$repo" && mvn -q -B install -DskipTests)
fi

# ---- measurements -----------------------------------------------------------------------------
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
now() { date +%s%N; }
rss_kb() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }
gc_max() { # largest heap after GC and before GC in MiB, from a -Xlog:gc log
    sed -n 's/.* \([0-9]*\)M->\([0-9]*\)M(\([0-9]*\)M).*/\1 \2/p' "$1" |
        awk 'BEGIN{b=0;a=0} {if ($1>b) b=$1; if ($2>a) a=$2} END{print a, b}'
}

declare -a go_wall go_rss ps_wall ps_rss ps_after ps_before pd_wall pd_rss
events=""
for ((r = 1; r <= RUNS; r++)); do
    echo "run $r/$RUNS: go tool trace -d" >&2
    t0=$(now)
    /usr/bin/time -v -o "$out/time-go.txt" "$GO" tool trace -d "$trace" >/dev/null 2>"$out/go-stderr.txt"
    t1=$(now)
    go_wall+=("$(( (t1 - t0) / 1000000 ))"); go_rss+=("$(rss_kb "$out/time-go.txt")")

    echo "run $r/$RUNS: preemptscope parse --stats" >&2
    rm -f "$out/gc-gotrace.log"
    t0=$(now)
    /usr/bin/time -v -o "$out/time-ps.txt" "$JAVA" -Xmx"$HEAP" -Xlog:gc:file="$out/gc-gotrace.log" \
        -jar "$jar" parse --stats "$trace" >"$out/ps-stats.json"
    t1=$(now)
    ps_wall+=("$(( (t1 - t0) / 1000000 ))"); ps_rss+=("$(rss_kb "$out/time-ps.txt")")
    read -r after before < <(gc_max "$out/gc-gotrace.log")
    ps_after+=("$after"); ps_before+=("$before")
    events="$(sed -n 's/^  "events" : \([0-9]*\),$/\1/p' "$out/ps-stats.json")"

    echo "run $r/$RUNS: preemptscope parse --format text (every event, like go tool trace -d)" >&2
    t0=$(now)
    /usr/bin/time -v -o "$out/time-pd.txt" "$JAVA" -Xmx"$HEAP" -jar "$jar" parse --format text "$trace" >/dev/null
    t1=$(now)
    pd_wall+=("$(( (t1 - t0) / 1000000 ))"); pd_rss+=("$(rss_kb "$out/time-pd.txt")")
done

dump_lines="not checked (VERIFY=1)"
if [[ "${VERIFY:-}" == 1 ]]; then
    dump_lines="$("$GO" tool trace -d "$trace" 2>/dev/null | wc -l)"
fi

heap5=$(( bytes * 5 / 1048576 ))
echo "heap check: -Xmx${heap5}m" >&2
heap_rc=0
timeout 600 "$JAVA" -Xmx"${heap5}m" -XX:+ExitOnOutOfMemoryError -jar "$jar" parse --stats "$trace" \
    >"$out/heap5-output.txt" 2>&1 || heap_rc=$?
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---- report -----------------------------------------------------------------------------------
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
gw=$(median "${go_wall[@]}"); pw=$(median "${ps_wall[@]}"); dw=$(median "${pd_wall[@]}")
mbps() { awk -v b="$bytes" -v ms="$1" 'BEGIN{printf "%.2f", b / 1e6 / (ms / 1000)}'; }
evps() { awk -v e="$events" -v ms="$1" 'BEGIN{printf "%.0f", e / (ms / 1000)}'; }
mib() { awk -v k="$1" 'BEGIN{printf "%.0f", k / 1024}'; }
{
    echo "## gotrace-bench ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
    echo
    echo "Input: \`bench/out/busy.trace\`, $bytes bytes ($(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1048576}') MiB),"
    echo "header \`$header\`, $events events (go tool trace -d lines: $dump_lines)."
    echo "Machine: nproc=$(nproc), load average before $load_before, after $load_after;"
    echo "$("$GO" version); $("$JAVA" -version 2>&1 | head -n 1). Median of $RUNS run(s)."
    echo
    echo "| decoder | wall s | MB/s | events/s | peak RSS MiB | Java heap after GC / before GC, MiB |"
    echo "| --- | ---: | ---: | ---: | ---: | --- |"
    echo "| go tool trace -d > /dev/null | $(awk -v m="$gw" 'BEGIN{printf "%.2f", m/1000}') | $(mbps "$gw") | $(evps "$gw") | $(mib "$(median "${go_rss[@]}")") | - |"
    echo "| preemptscope parse --stats (-Xmx$HEAP) | $(awk -v m="$pw" 'BEGIN{printf "%.2f", m/1000}') | $(mbps "$pw") | $(evps "$pw") | $(mib "$(median "${ps_rss[@]}")") | $(median "${ps_after[@]}") / $(median "${ps_before[@]}") |"
    echo "| preemptscope parse --format text > /dev/null (-Xmx$HEAP) | $(awk -v m="$dw" 'BEGIN{printf "%.2f", m/1000}') | $(mbps "$dw") | $(evps "$dw") | $(mib "$(median "${pd_rss[@]}")") | - |"
    echo
    echo "Speed-up over go tool trace -d: $(awk -v g="$gw" -v p="$pw" 'BEGIN{printf "%.2f", g/p}')x (target >= 10x);"
    echo "printing every event as text: $(awk -v g="$gw" -v p="$dw" 'BEGIN{printf "%.2f", g/p}')x."
    echo "Largest live heap (after GC): $(awk -v a="$(median "${ps_after[@]}")" -v b="$bytes" 'BEGIN{printf "%.0f", a*1048576/b}')x the file size (target <= 5x)."
    if (( heap_rc == 0 )); then
        echo "With -Xmx${heap5}m (5x the file): completed."
    else
        echo "With -Xmx${heap5}m (5x the file): failed, exit status $heap_rc ($(grep -m1 -o 'OutOfMemoryError.*' "$out/heap5-output.txt" || echo 'see bench/out/heap5-output.txt'))."
    fi
} | tee "$md"
