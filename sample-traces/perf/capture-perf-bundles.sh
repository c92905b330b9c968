#!/usr/bin/env bash
# capture-perf-bundles.sh - regenerate the perf capture bundles in perf/bundles/ and the
# perf script layouts in perf/layouts/, with `preemptscope capture --backend perf` (as root). They
# sit beside this script, not in ../bundles/, whose tests expect strace bundles.
#
# Usage: sample-traces/perf/capture-perf-bundles.sh
#
#   Builds programs/{spin,pipeblock} with Go 1.19 into $BIN_DIR (outside the repo; removed again at
#   the end) and runs
#     ./preemptscope capture --backend perf [--mode go1.13] --force --out perf/bundles/<name>-<mode>-perf -- ...
#   which writes perf.data, perf.txt (perf script --ns -F comm,pid,tid,cpu,time,event,trace
#   --show-switch-events) and capture.json. Then it prints perf/bundles/spin-native-perf/perf.data again
#   in the other field layouts the parser reads, into layouts/spin-native.<layout>.txt:
#     default      perf script with no options (comm, tid, [cpu], microseconds)
#     tid-ns       -F comm,tid,time,event,trace --ns       (no pid, no cpu)
#     nocomm       -F pid,tid,cpu,time,event,trace         (no comm, microseconds)
#     period       -F comm,tid,cpu,time,period,event,trace --ns
#   Nothing here is edited by hand.
#
# Environment: GO (default /usr/lib/go-1.19/bin/go), BIN_DIR (default /tmp/preemptscope-bin).
set -euo pipefail

case "${1:-}" in
  -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) echo "unknown argument: $1" >&2; exit 2 ;;
esac

export LC_ALL=C
unset GODEBUG GOGC GOMEMLIMIT GOMAXPROCS

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GO="${GO:-/usr/lib/go-1.19/bin/go}"
BIN_DIR="${BIN_DIR:-/tmp/preemptscope-bin}"
MAX_BYTES=$((2 * 1024 * 1024))

PROGRAMS=(spin pipeblock)
declare -A ARGS=(             # shorter than capture-bundles.sh's: perf records every switch and syscall
  [spin]="150000000"
  [pipeblock]="10 150000000 256"
)
MODES=(native go1.13)

mkdir -p "$BIN_DIR"
for p in "${PROGRAMS[@]}"; do
  echo "build: $p -> $BIN_DIR/bin-$p"
  (cd "$HERE/../programs/$p" && "$GO" build -trimpath -o "$BIN_DIR/bin-$p" .)
done

toobig=()
for p in "${PROGRAMS[@]}"; do
  for m in "${MODES[@]}"; do
    out="$HERE/bundles/$p-$m-perf"
    read -r -a pargs <<<"${ARGS[$p]}"
    echo "capture: $p-$m-perf"
    rc=0
    "$HERE/../../preemptscope" capture --backend perf --mode "$m" --force --out "$out" -- "$BIN_DIR/bin-$p" "${pargs[@]}" \
      | sed 's/^/      stdout: /' || rc=${PIPESTATUS[0]}
    [[ $rc -eq 0 ]] || { echo "ERROR: $p-$m-perf: capture exit status $rc" >&2; exit 1; }
    chmod 644 "$out/perf.data"
    for f in perf.data perf.txt; do
      bytes=$(stat -c %s "$out/$f")
      (( bytes < MAX_BYTES )) || toobig+=("$p-$m-perf/$f")
    done
    printf '      %s lines, SIGURG generated %s, delivered %s\n' "$(wc -l <"$out/perf.txt")" \
      "$(grep -c 'signal_generate: sig=23 ' "$out/perf.txt" || true)" \
      "$(grep -c 'signal_deliver: sig=23 ' "$out/perf.txt" || true)"
  done
done

layouts="$HERE/layouts"
mkdir -p "$layouts"
data="$HERE/bundles/spin-native-perf/perf.data"
perf script -i "$data" >"$layouts/spin-native.default.txt" 2>/dev/null
perf script -i "$data" --ns -F comm,tid,time,event,trace >"$layouts/spin-native.tid-ns.txt" 2>/dev/null
perf script -i "$data" -F pid,tid,cpu,time,event,trace >"$layouts/spin-native.nocomm.txt" 2>/dev/null
perf script -i "$data" --ns -F comm,tid,cpu,time,period,event,trace >"$layouts/spin-native.period.txt" 2>/dev/null
wc -l "$layouts"/*.txt

# A binary left at the path a sample capture's execve names makes analyze read its build info
# (go1.19.8 instead of go1.14+), which some tests of the strace samples do not expect.
for p in "${PROGRAMS[@]}"; do
  rm -f "$BIN_DIR/bin-$p"
done

if (( ${#toobig[@]} )); then
  echo "ERROR: file(s) not below 2 MB: ${toobig[*]} - tune ARGS" >&2
  exit 1
fi
