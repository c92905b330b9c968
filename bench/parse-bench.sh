#!/usr/bin/env bash
# parse-bench.sh: throughput and memory benchmark of `preemptscope parse --stats` and
# `preemptscope analyze` on >= 1 GiB of real strace output.
#
# Usage:  bench/parse-bench.sh [--profile]
#
#   (default)   build the jar if it is missing or stale, build/reuse the benchmark inputs, time
#               every measurement RUNS times, print a Markdown table and write it to
#               bench/out/parse-bench.md.
#   --profile   build/reuse the inputs, run the parser once under JFR (settings=profile,
#               method-profiling=max, i.e. ~1 ms sampling, with
#               -XX:+DebugNonSafepoints) and print the hottest methods (bench/JfrHot.java),
#               self time and total time as a share of all execution samples.
#
# Environment: RUNS (default 3), MIN_BYTES (default 1073741824 = 1 GiB), JAVA (default java),
#              HEAP (default 256m, passed as -Xmx), SKIP_BUILD=1 (use the jar as it is).
#
# Inputs (cached in bench/out/, which is git-ignored; rebuilt when the list of source files or
# their sizes change, see bench/out/parse-bench.manifest):
#   bench/out/strace-1g.txt     whole files concatenated, in a fixed order, repeated until the
#                               total is >= MIN_BYTES: <repo>/../shared/corpus/strace/captures/
#                               {spin,pipeblock,httpsrv}/*/f-*.txt and .../*/stderr-f-tt.txt, then
#                               <repo>/sample-traces/*.strace.txt. These are real captures; lines
#                               are never edited, every file ends in a newline.
#   bench/out/strace-1g.txt.gz  `gzip -1` of the above.
#
# Measurements (each RUNS times; best = fastest, median = middle run):
#   wc -l FILE                               baseline: the cost of just finding the newlines
#   gzip -dc FILE.gz | wc -l                 baseline for the compressed input
#   java -Xmx256m -jar preemptscope.jar parse --stats --max-reported 0 FILE    (and FILE.gz)
#     wall time (date +%s%N around the run), MB/s (10^6 bytes of *uncompressed* text per s),
#     MiB/s, lines/s, CPU seconds (user+sys), peak RSS (/usr/bin/time -v "Maximum resident set size"). Every run's
#     stats must say "unparsed" : 0 and "lines" equal to wc -l, otherwise the script fails.
#   java -Xmx256m -jar preemptscope.jar analyze --format json --max-reported 0 FILE
#     the same figures; the replay must stay linear: its throughput is reported as a share of
#     parse --stats' (target: at least 80%). The findings on this input mean nothing (whole
#     captures of different processes and clocks are concatenated); only the speed is measured.
#   One more run with -Xlog:gc:file=bench/out/gc.log: the largest heap occupancy after a GC and
#   before a GC, and the committed heap, read from the log (evidence that -Xmx256m is enough,
#   not just that the run did not fail).
#
# The figures depend on the machine and on its load; the table records nproc, the CPU model,
# the Java version and the load average before and after.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
repo="$(cd "$here/.." && pwd)"
out="$repo/bench/out"
corpus="$repo/../shared/corpus"
jar="$repo/analyzer/target/preemptscope.jar"
JAVA="${JAVA:-java}"
RUNS="${RUNS:-3}"
MIN_BYTES="${MIN_BYTES:-1073741824}"
HEAP="${HEAP:-256m}"
log="$out/strace-1g.txt"
gz="$log.gz"
manifest="$out/parse-bench.manifest"

mode=bench
case "${1:-}" in
    "") ;;
    --profile) mode=profile ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [--profile]" >&2; exit 2 ;;
esac

say() { printf '%s\n' "$*" >&2; }
die() { say "parse-bench: $*"; exit 1; }

mkdir -p "$out"

# ---------------------------------------------------------------------------------- tools, jar

if [ ! -x /usr/bin/time ]; then
    say "installing GNU time (for peak RSS) ..."
    apt-get install -y -q time >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q time >/dev/null; }
fi
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    if [ ! -f "$jar" ] || [ -n "$(find "$repo/pom.xml" "$repo/grammar" "$repo/reference-model" "$repo/analyzer" \
            -path '*/target' -prune -o -type f -newer "$jar" -print -quit)" ]; then
        say "building the jar ..."
        (cd "$repo" && mvn -q -B -Dmaven.test.skip=true package) >&2
    fi
fi
[ -f "$jar" ] || die "no jar at $jar"

# ---------------------------------------------------------------------------------- inputs

[ -d "$corpus/strace/captures" ] || die "shared corpus not found at $corpus"
shopt -s nullglob
sources=()
for prog in spin pipeblock httpsrv; do
    for f in "$corpus"/strace/captures/"$prog"/*/f-*.txt "$corpus"/strace/captures/"$prog"/*/stderr-f-tt.txt; do
        sources+=("$f")
    done
done
sources+=("$repo"/sample-traces/*.strace.txt)
shopt -u nullglob
[ "${#sources[@]}" -gt 0 ] || die "no capture files found"

set_bytes=0
for f in "${sources[@]}"; do
    [ "$(tail -c1 "$f" | od -An -tx1 | tr -d ' ')" = 0a ] || die "$f does not end in a newline; concatenation would join lines"
    set_bytes=$((set_bytes + $(stat -c %s "$f")))
done
copies=$(( (MIN_BYTES + set_bytes - 1) / set_bytes ))

want_manifest="$(
    echo "min_bytes=$MIN_BYTES copies=$copies"
    for f in "${sources[@]}"; do printf '%s %s\n' "$(stat -c %s "$f")" "$(readlink -f "$f")"; done
)"

if [ -f "$log" ] && [ -f "$manifest" ] && [ "$(cat "$manifest")" = "$want_manifest" ]; then
    say "reusing $log"
else
    say "building $log: ${#sources[@]} files ($set_bytes bytes) x $copies ..."
    rm -f "$log" "$gz" "$manifest"
    for ((i = 0; i < copies; i++)); do cat "${sources[@]}"; done > "$log.tmp"
    mv "$log.tmp" "$log"
    printf '%s\n' "$want_manifest" > "$manifest"
fi
if [ ! -f "$gz" ] || [ "$gz" -ot "$log" ]; then
    say "compressing (gzip -1) ..."
    gzip -1 -c "$log" > "$gz.tmp"
    mv "$gz.tmp" "$gz"
fi

bytes=$(stat -c %s "$log")
gz_bytes=$(stat -c %s "$gz")
lines=$(wc -l < "$log")
say "input: $log"
say "       $bytes bytes ($(awk -v b="$bytes" 'BEGIN { printf "%.2f GiB", b / 2^30 }')), $lines lines," \
    "${#sources[@]} capture files x $copies"
say "       gzip -1: $gz_bytes bytes (ratio $(awk -v a="$bytes" -v b="$gz_bytes" 'BEGIN { printf "%.1f", a / b }'))"

analyze_cmd() { # $1: input; prints a shell command
    printf '%q ' "$JAVA" -Xmx"$HEAP" -jar "$jar" analyze --format json --max-reported 0 "$1"
}

parse_cmd() { # $1: extra JVM options (word-split on purpose), $2: input; prints a shell command
    local extra=()
    read -r -a extra <<< "$1"
    printf '%q ' "$JAVA" -Xmx"$HEAP" ${extra[@]+"${extra[@]}"} -jar "$jar" parse --stats --max-reported 0 "$2"
}

json_field() { # $1: field, $2: file with the pretty-printed stats
    sed -n "s/^  \"$1\" : \\([0-9]*\\),\$/\\1/p" "$2" | head -1
}

check_stats() { # $1: stats file, $2: what
    local u l
    u=$(json_field unparsed "$1")
    l=$(json_field lines "$1")
    [ "$u" = 0 ] || die "$2: \"unparsed\" is '$u', expected 0 (see $1)"
    [ "$l" = "$lines" ] || die "$2: \"lines\" is '$l', wc -l says $lines (see $1)"
}

# ---------------------------------------------------------------------------------- profile

if [ "$mode" = profile ]; then
    jfr="$out/parse.jfr"
    rm -f "$jfr"
    say "profiling (JFR, settings=profile) ..."
    bash -c "$(parse_cmd "-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints -XX:StartFlightRecording=filename=$jfr,settings=profile,method-profiling=max" "$log")" \
        > "$out/profile-stats.json" 2> "$out/profile-stderr.txt" || die "profile run failed (see $out/profile-stderr.txt)"
    check_stats "$out/profile-stats.json" "profile run"
    "$JAVA" "$here/JfrHot.java" "$jfr" 40 | tee "$out/profile.txt"
    exit 0
fi

# ---------------------------------------------------------------------------------- timing

now_ns() { date +%s%N; }

declare -A secs rss cpu
time_run() { # $1: key, then the command (a single string for bash -c)
    local key=$1 cmd=$2 t0 t1 tv="$out/time-$1.txt" so="$out/stdout-$1.txt"
    t0=$(now_ns)
    /usr/bin/time -v -o "$tv" bash -c "$cmd" > "$so" 2> "$out/stderr-$1.txt" \
        || die "$key failed: $cmd (see $out/stderr-$1.txt)"
    t1=$(now_ns)
    secs[$key]+="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }') "
    rss[$key]+="$(sed -n 's/^\tMaximum resident set size (kbytes): //p' "$tv") "
    cpu[$key]+="$(awk -F': ' '/^\t(User|System) time/ { t += $2 } END { printf "%.2f", t }' "$tv") "
}

best() { tr ' ' '\n' <<< "$1" | sed '/^$/d' | sort -g | head -1; }
median() {
    local v n
    v=$(tr ' ' '\n' <<< "$1" | sed '/^$/d' | sort -g)
    n=$(wc -l <<< "$v")
    sed -n "$(( (n + 1) / 2 ))p" <<< "$v"
}
maxv() { tr ' ' '\n' <<< "$1" | sed '/^$/d' | sort -g | tail -1; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
cat "$log" > /dev/null   # warm the page cache: every run below reads from memory
cat "$gz" > /dev/null

keys=(wc zwc parse zparse analyze)
for ((r = 1; r <= RUNS; r++)); do
    say "run $r/$RUNS ..."
    time_run wc "wc -l < $(printf %q "$log")"
    [ "$(tr -d ' ' < "$out/stdout-wc.txt")" = "$lines" ] || die "wc -l disagrees with itself"
    time_run zwc "gzip -dc $(printf %q "$gz") | wc -l"
    [ "$(tr -d ' ' < "$out/stdout-zwc.txt")" = "$lines" ] || die "gzip -dc | wc -l: wrong line count"
    time_run parse "$(parse_cmd "" "$log")"
    check_stats "$out/stdout-parse.txt" "parse (plain) run $r"
    time_run zparse "$(parse_cmd "" "$gz")"
    check_stats "$out/stdout-zparse.txt" "parse (gzip) run $r"
    time_run analyze "$(analyze_cmd "$log")"
    grep -q '"findingCounts"' "$out/stdout-analyze.txt" || die "analyze run $r printed no report"
done
cp "$out/stdout-parse.txt" "$out/parse-stats.json"

say "GC log run ..."
rm -f "$out/gc.log"
time_run gcrun "$(parse_cmd "-Xlog:gc:file=$out/gc.log" "$log")"
check_stats "$out/stdout-gcrun.txt" "GC log run"
# G1 lines: [..][info][gc] GC(12) Pause Young (Normal) (G1 Evacuation Pause) 153M->21M(256M) 4.321ms
gc_summary=$(awk '
    match($0, /[0-9]+[KMG]->[0-9]+[KMG]\([0-9]+[KMG]\)/) {
        s = substr($0, RSTART, RLENGTH); n++
        split(s, p, /->|\(|\)/)
        b = tomb(p[1]); a = tomb(p[2]); c = tomb(p[3])
        if (b > mb) mb = b; if (a > ma) ma = a; if (c > mc) mc = c
        if (/Pause Full/) full++
    }
    function tomb(x,   v, u) { v = x + 0; u = substr(x, length(x)); return u == "K" ? v / 1024 : u == "G" ? v * 1024 : v }
    END { printf "%d %d %d %d %d", n, ma, mb, mc, full }' "$out/gc.log")
read -r gc_count gc_after gc_before gc_committed gc_full <<< "$gc_summary"

load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------------------------- report

fmt_row() { # $1: label, $2: key, $3: bytes for MB/s
    local b m r c
    b=$(best "${secs[$2]}")
    m=$(median "${secs[$2]}")
    r=$(maxv "${rss[$2]}")
    c=$(median "${cpu[$2]}")
    awk -v l="$1" -v b="$b" -v m="$m" -v by="$3" -v ln="$lines" -v r="$r" -v c="$c" 'BEGIN {
        printf "| %s | %.2f | %.2f | %.0f | %.0f | %.2f | %.1f | %.0f |\n",
            l, b, m, by / b / 1e6, by / b / 1048576, ln / b / 1e6, c, r / 1024 }'
}

java_version=$("$JAVA" -version 2>&1 | head -1)
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$repo" status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo " (dirty)" || true)

{
    echo "### parse throughput ($(date -u +%Y-%m-%d), commit $commit$dirty)"
    echo
    echo "Input: $(awk -v b="$bytes" 'BEGIN { printf "%.2f GiB", b / 2^30 }') ($bytes bytes, $lines lines) of real strace"
    echo "captures (${#sources[@]} files of the shared corpus and sample-traces, whole files repeated x$copies);"
    echo "gzip -1 copy: $gz_bytes bytes. Machine: nproc $(nproc), ${cpu:-unknown CPU}; \`$java_version\`;"
    echo "load average before/after: $load_before / $load_after. Best and median of $RUNS runs; MB/s, MiB/s"
    echo "and Mlines/s are of the *uncompressed* text, at the best time; CPU s (user+sys, all threads) is the"
    echo "median; peak RSS is the highest of the runs. Provisional if the machine was shared (see load)."
    echo
    echo "| measurement | best s | median s | MB/s | MiB/s | Mlines/s | CPU s | peak RSS MiB |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|"
    fmt_row "\`wc -l\` (baseline)" wc "$bytes"
    fmt_row "\`parse --stats\`, -Xmx$HEAP" parse "$bytes"
    fmt_row "\`gzip -dc \\| wc -l\` (baseline)" zwc "$bytes"
    fmt_row "\`parse --stats\` on .gz, -Xmx$HEAP" zparse "$bytes"
    fmt_row "\`analyze --format json\`, -Xmx$HEAP" analyze "$bytes"
    echo
    echo "analyze throughput is $(awk -v p="$(best "${secs[parse]}")" -v a="$(best "${secs[analyze]}")" \
        'BEGIN { printf "%.0f%%", 100 * p / a }') of parse --stats' (best runs; target at least 80%)."
    echo
    echo "Heap (run with \`-Xlog:gc\`, -Xmx$HEAP): $gc_count GCs, $gc_full full; largest heap after a GC ${gc_after} MiB,"
    echo "largest before a GC ${gc_before} MiB, committed at most ${gc_committed} MiB. Every run: \"unparsed\" 0 and"
    echo "\"lines\" = \`wc -l\`."
} | tee "$out/parse-bench.md"
say "written: $out/parse-bench.md (raw: $out/time-*.txt, $out/gc.log, $out/parse-stats.json)"
