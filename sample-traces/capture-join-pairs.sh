#!/usr/bin/env bash
# capture-join-pairs.sh - record strace + Go trace pairs of one run each, for the join of the two
# views (analyze's metrics.join, the timeline), with `preemptscope capture --gotrace-env`:
#
#     ./preemptscope capture [--mode go1.13] --force --out join/<name> \
#         --gotrace-env PREEMPTSCOPE_TRACE -- bin-joinload <mode> <procs> <millis>
#
#   which writes join/<name>/strace.txt, go.trace and capture.json. The pairs:
#     spin-p1, spin-p1-run2   call-free spinners on GOMAXPROCS 1 (two runs: a deliberately
#                             mismatched pair is one's strace with the other's trace)
#     spin-p2                 the same on GOMAXPROCS 2
#     mixed-p2                spinners, file writes and getppid, and a loopback TCP echo, GOMAXPROCS 2
#     spin-p2-go1.13          spin-p2 with GODEBUG=asyncpreemptoff=1: no async preemption, so the
#                             join rests on traced syscalls alone
#   Never edit the captures by hand; rerun this script to recapture.
#
# Usage: sample-traces/capture-join-pairs.sh
# Environment: GO (default /usr/lib/go-1.19/bin/go), BIN_DIR (default /tmp/preemptscope-bin).
set -euo pipefail

case "${1:-}" in
  -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) echo "unknown argument: $1" >&2; exit 2 ;;
esac

export LC_ALL=C
unset GODEBUG GOGC GOMEMLIMIT GOMAXPROCS PREEMPTSCOPE_TRACE

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GO="${GO:-/usr/lib/go-1.19/bin/go}"
BIN_DIR="${BIN_DIR:-/tmp/preemptscope-bin}"
MAX_BYTES=$((1024 * 1024))

mkdir -p "$BIN_DIR"
echo "build: joinload -> $BIN_DIR/bin-joinload"
(cd "$HERE/programs/joinload" && "$GO" build -trimpath -o "$BIN_DIR/bin-joinload" .)

# name, capture mode, program arguments
PAIRS=(
  "spin-p1|native|spin 1 500"
  "spin-p1-run2|native|spin 1 500"
  "spin-p2|native|spin 2 800"
  "mixed-p2|native|mixed 2 1000"
  "spin-p2-go1.13|go1.13|spin 2 800"
)
for row in "${PAIRS[@]}"; do
  IFS='|' read -r name mode args <<<"$row"
  read -r -a pargs <<<"$args"
  out="$HERE/join/$name"
  echo "capture: $name ($mode: $args)"
  rc=0
  "$HERE/../preemptscope" capture --mode "$mode" --force --out "$out" --gotrace-env PREEMPTSCOPE_TRACE \
    -- "$BIN_DIR/bin-joinload" "${pargs[@]}" | sed 's/^/      stdout: /' || rc=${PIPESTATUS[0]}
  [[ $rc -eq 0 ]] || { echo "ERROR: $name: capture exit status $rc" >&2; exit 1; }
  bytes=$(stat -c %s "$out/strace.txt")
  printf '      %s lines, %s bytes; go.trace %s bytes\n' "$(wc -l <"$out/strace.txt")" "$bytes" \
    "$(stat -c %s "$out/go.trace")"
  (( bytes < MAX_BYTES )) || { echo "ERROR: $name: strace.txt not below 1 MB" >&2; exit 1; }
done
