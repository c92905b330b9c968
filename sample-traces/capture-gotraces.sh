#!/usr/bin/env bash
# capture-gotraces.sh - record Go execution traces (runtime/trace, v1 format
# "go 1.19 trace") of the sample programs on this machine, with and without
# asynchronous preemption. capture-samples.sh (the strace captures) is separate
# and unchanged.
#
# Usage: sample-traces/capture-gotraces.sh [--force]
#
#   Writes, next to this script:
#     tracespin-default.trace  tracespin-apo.trace    programs/tracespin, which
#                              calls runtime/trace itself (path as argument)
#     gotest-default.trace     gotest-apo.trace       `go test -trace` of
#                              programs/gotestspin
#     stwspin-default.trace    stwspin-apo.trace      programs/stwspin: runtime.GC()
#                              while a call-free loop holds the other P
#     stwload-default.trace    programs/stwload: 10 runtime.GC() with a call-free
#                              loop running, pinned to CPU 0 beside two busy loops
#     starve-2p3g-apo.trace    starve-2p1g-apo.trace  programs/starve: 3 (or 1)
#                              call-free loops on GOMAXPROCS(2)
#   "apo" runs have GODEBUG=asyncpreemptoff=1. Each trace is checked with
#   `go tool trace -d` (exit status recorded) and must stay below 1 MB.
#   One row per trace goes to gotraces.tsv. Existing traces are kept unless
#   --force is given.
#
# Environment: GO (default /usr/lib/go-1.19/bin/go), BIN_DIR (default
# /tmp/preemptscope-bin), ITERS (spinner iterations, default 200000000).
set -euo pipefail

usage() { sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; }

FORCE=0
for a in "$@"; do
  case "$a" in
    --force) FORCE=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $a" >&2; usage >&2; exit 2 ;;
  esac
done

export LC_ALL=C
unset GODEBUG GOGC GOMEMLIMIT GOMAXPROCS PREEMPTSCOPE_TRACE

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GO="${GO:-/usr/lib/go-1.19/bin/go}"
BIN_DIR="${BIN_DIR:-/tmp/preemptscope-bin}"
ITERS="${ITERS:-200000000}"
MAX_BYTES=$((1024 * 1024))
TSV="$HERE/gotraces.tsv"
GO_VERSION="$("$GO" version)"
KERNEL="$(uname -r)"

mkdir -p "$BIN_DIR"
echo "build: tracespin -> $BIN_DIR/bin-tracespin"
(cd "$HERE/programs/tracespin" && "$GO" build -trimpath -o "$BIN_DIR/bin-tracespin" .)
for p in stwspin stwload starve; do
  echo "build: $p -> $BIN_DIR/bin-$p"
  (cd "$HERE/programs/$p" && "$GO" build -trimpath -o "$BIN_DIR/bin-$p" .)
done

cd "$HERE"
rows=() toobig=() bad=()
for kind in tracespin gotest; do
  for m in default apo; do
    out="$kind-$m.trace"
    if [[ -e "$out" && $FORCE -eq 0 ]]; then
      echo "skip: $out exists (use --force to recapture)"
      rows+=("$(awk -F'\t' -v f="$out" '$1 == f' "$TSV" 2>/dev/null || true)")
      continue
    fi
    godebug=""
    [[ $m == apo ]] && godebug="asyncpreemptoff=1"
    if [[ $kind == tracespin ]]; then
      cmd=(env ${godebug:+GODEBUG=$godebug} timeout -s INT 60 "$BIN_DIR/bin-tracespin" "$HERE/$out" "$ITERS")
      shown="${godebug:+GODEBUG=$godebug }$BIN_DIR/bin-tracespin $out $ITERS"
    else
      # -count=1: never a cached result (which would write no trace); -trimpath
      # keeps this checkout's path out of the trace's stack table; absolute
      # -trace path because go test writes profiles relative to -outputdir.
      shown="(cd programs/gotestspin && ${godebug:+GODEBUG=$godebug }SPIN_ITERS=$ITERS $GO test -trimpath -count=1 -v -run '^TestSpinnerAndSleeper\$' -trace=../../$out .)"
    fi
    echo "run:  $shown"
    rc=0
    if [[ $kind == gotest ]]; then
      (cd programs/gotestspin && env ${godebug:+GODEBUG=$godebug} SPIN_ITERS="$ITERS" timeout -s INT 120 \
        "$GO" test -trimpath -count=1 -v -run '^TestSpinnerAndSleeper$' -trace="$HERE/$out" .) | sed 's/^/      /' || rc=${PIPESTATUS[0]}
    else
      "${cmd[@]}" | sed 's/^/      /' || rc=${PIPESTATUS[0]}
    fi
    bytes=$(stat -c %s "$out" 2>/dev/null || echo 0)
    drc=0
    "$GO" tool trace -d "$out" >/dev/null 2>&1 || drc=$?
    rows+=("$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' "$out" "${godebug:--}" "$shown" "$rc" "$drc" \
      "$bytes" "$GO_VERSION" "$KERNEL" "$(date -u +%Y-%m-%dT%H:%M:%SZ)")")
    (( bytes < MAX_BYTES )) || toobig+=("$out")
    [[ $rc -eq 0 && $drc -eq 0 ]] || bad+=("$out")
  done
done

# capture OUT GODEBUG SHOWN CMD...: runs CMD (which writes OUT) unless OUT exists, checks it
# with go tool trace -d and records its row, as the loop above does.
capture() {
  local out=$1 godebug=$2 shown=$3
  shift 3
  if [[ -e "$out" && $FORCE -eq 0 ]]; then
    echo "skip: $out exists (use --force to recapture)"
    rows+=("$(awk -F'\t' -v f="$out" '$1 == f' "$TSV" 2>/dev/null || true)")
    return
  fi
  echo "run:  $shown"
  local rc=0 drc=0 bytes
  env ${godebug:+GODEBUG=$godebug} "$@" | sed 's/^/      /' || rc=${PIPESTATUS[0]}
  bytes=$(stat -c %s "$out" 2>/dev/null || echo 0)
  "$GO" tool trace -d "$out" >/dev/null 2>&1 || drc=$?
  rows+=("$(printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s' "$out" "${godebug:--}" "$shown" "$rc" "$drc" \
    "$bytes" "$GO_VERSION" "$KERNEL" "$(date -u +%Y-%m-%dT%H:%M:%SZ)")")
  (( bytes < MAX_BYTES )) || toobig+=("$out")
  [[ $rc -eq 0 && $drc -eq 0 ]] || bad+=("$out")
}

for m in default apo; do
  godebug=""
  [[ $m == apo ]] && godebug="asyncpreemptoff=1"
  capture "stwspin-$m.trace" "$godebug" "${godebug:+GODEBUG=$godebug }$BIN_DIR/bin-stwspin stwspin-$m.trace 100000000" \
    timeout -s INT 60 "$BIN_DIR/bin-stwspin" "$HERE/stwspin-$m.trace" 100000000
done

# Two busy loops share CPU 0 with stwload, so its threads wait for the CPU at random points.
hogs=()
stop_hogs() { (( ${#hogs[@]} )) && kill "${hogs[@]}" 2>/dev/null; hogs=(); }
trap stop_hogs EXIT
if [[ ! -e stwload-default.trace || $FORCE -eq 1 ]]; then
  for _ in 1 2; do taskset -c 0 sh -c 'while :; do :; done' & hogs+=($!); done
fi
capture stwload-default.trace "" \
  "taskset -c 0 $BIN_DIR/bin-stwload stwload-default.trace 100000 10 (beside 2x taskset -c 0 sh -c 'while :; do :; done')" \
  timeout -s INT 120 taskset -c 0 "$BIN_DIR/bin-stwload" "$HERE/stwload-default.trace" 100000 10
stop_hogs

capture starve-2p3g-apo.trace asyncpreemptoff=1 "GODEBUG=asyncpreemptoff=1 $BIN_DIR/bin-starve starve-2p3g-apo.trace 2 3" \
  timeout -s INT 60 "$BIN_DIR/bin-starve" "$HERE/starve-2p3g-apo.trace" 2 3
capture starve-2p1g-apo.trace asyncpreemptoff=1 "GODEBUG=asyncpreemptoff=1 $BIN_DIR/bin-starve starve-2p1g-apo.trace 2 1" \
  timeout -s INT 60 "$BIN_DIR/bin-starve" "$HERE/starve-2p1g-apo.trace" 2 1

{
  printf 'file\tgodebug\tcommand\texit\tgo_tool_trace_d_exit\tbytes\tgo_version\tkernel\tdate_utc\n'
  for r in "${rows[@]}"; do [[ -n $r ]] && printf '%s\n' "$r"; done
} >"$TSV"

echo
column -t -s $'\t' "$TSV" | cut -c1-160
if (( ${#toobig[@]} )); then echo "ERROR: trace(s) not below 1 MB: ${toobig[*]}" >&2; exit 1; fi
if (( ${#bad[@]} )); then echo "ERROR: run or go tool trace -d failed: ${bad[*]}" >&2; exit 1; fi
