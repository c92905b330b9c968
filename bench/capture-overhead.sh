#!/usr/bin/env bash
# capture-overhead.sh - how much each capture backend slows a syscall-heavy Go program, in one run:
# sample-traces/programs/syscallheavy (two goroutines in call-free loops, GETPPID getppid calls and
# WRITES writes to /dev/null) natively, under `capture --backend strace`, `capture --backend perf`
# and `capture --backend perf --filter preemption`, RUNS times each, interleaved so that load from
# other work on the machine falls on every variant alike. Not part of the test run; needs root
# (perf), strace, perf and Go 1.19.
#
# Two figures per variant, medians of RUNS:
#   program  the program's own wall time, from the start of main to its last line (what the tracer
#            does to the program: the figure the README's target, perf <= 1.5x native, is about);
#   command  the whole command's wall time: for capture that adds the JVM's start, perf's or
#            strace's start and, for perf, writing perf.txt with perf script.
#
# Usage: bench/capture-overhead.sh
# Environment: RUNS (default 5), ARGS (default "100000 20000 100000000": getppid calls, writes,
#   loop steps per spinning goroutine), GO (default /usr/lib/go-1.19/bin/go), JAVA (default java).
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
runs=${RUNS:-5}
read -r -a args <<<"${ARGS:-100000 20000 100000000}"
go=${GO:-/usr/lib/go-1.19/bin/go}
java=${JAVA:-java}
jar="$here/analyzer/target/preemptscope.jar"
export LC_ALL=C
unset GODEBUG GOMAXPROCS GOGC

"$here/preemptscope" --version >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$here/sample-traces/programs/syscallheavy" && "$go" build -trimpath -o "$work/syscallheavy" .)
prog="$work/syscallheavy"

variants=(native strace perf perf-preemption)
declare -A cmd=(
    [native]=""
    [strace]="$java -jar $jar capture --backend strace --force --out $work/b-strace --"
    [perf]="$java -jar $jar capture --backend perf --force --out $work/b-perf --"
    [perf-preemption]="$java -jar $jar capture --backend perf --filter preemption --force --out $work/b-perfp --"
)
declare -A program command
for i in $(seq "$runs"); do
    for v in "${variants[@]}"; do
        read -r -a pre <<<"${cmd[$v]}"
        start=$(date +%s%N)
        line=$("${pre[@]}" "$prog" "${args[@]}" 2>"$work/err") || { cat "$work/err" >&2; exit 1; }
        end=$(date +%s%N)
        ns=${line##*elapsed_ns=}
        program[$v]+="$ns "
        command[$v]+="$((end - start)) "
        printf 'run %d %-16s program %7.3f s  command %7.3f s\n' "$i" "$v" \
            "$(echo "$ns / 1000000000" | bc -l)" "$(echo "($end - $start) / 1000000000" | bc -l)" >&2
    done
done

median() { tr ' ' '\n' | grep . | sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }
base_p=$(echo "${program[native]}" | median)
base_c=$(echo "${command[native]}" | median)
echo "syscallheavy ${args[*]}, $runs runs each, medians, $(date -u +%Y-%m-%d), $(nproc) CPUs, $(uname -r)"
echo
echo "| how it ran | program | × native | command | × native |"
echo "|---|---:|---:|---:|---:|"
for v in "${variants[@]}"; do
    p=$(echo "${program[$v]}" | median)
    c=$(echo "${command[$v]}" | median)
    printf '| %s | %.3f s | %.2f | %.3f s | %.2f |\n' "$v" "$(echo "$p / 1000000000" | bc -l)" \
        "$(echo "$p / $base_p" | bc -l)" "$(echo "$c / 1000000000" | bc -l)" "$(echo "$c / $base_c" | bc -l)"
done
