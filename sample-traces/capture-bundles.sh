#!/usr/bin/env bash
# capture-bundles.sh - regenerate the capture bundles in bundles/ with `preemptscope capture`:
# every sample program in both modes.
#
# Usage: sample-traces/capture-bundles.sh
#
#   Builds programs/{spin,pipeblock,echo} with Go 1.19 into $BIN_DIR (outside the repo; binaries
#   are not committed) and runs, for each program and mode,
#     ./preemptscope capture [--mode go1.13] --force --out bundles/<name>-<mode> -- <binary> <args>
#   which writes bundles/<name>-<mode>/strace.txt and capture.json. Modes: native (the default:
#   the environment unchanged, so Go 1.19 preempts asynchronously) and go1.13
#   (GODEBUG=asyncpreemptoff=1). The older <name>-{default,apo}.strace.txt captures made by
#   capture-samples.sh are not touched.
#
# Environment: GO (default /usr/lib/go-1.19/bin/go), BIN_DIR (default /tmp/preemptscope-bin).
set -euo pipefail

case "${1:-}" in
  -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) echo "unknown argument: $1" >&2; exit 2 ;;
esac

export LC_ALL=C
# Keep the tracee environment neutral: the go1.13 mode sets GODEBUG itself.
unset GODEBUG GOGC GOMEMLIMIT GOMAXPROCS

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GO="${GO:-/usr/lib/go-1.19/bin/go}"
BIN_DIR="${BIN_DIR:-/tmp/preemptscope-bin}"
MAX_BYTES=$((2 * 1024 * 1024))

PROGRAMS=(spin pipeblock echo)
declare -A ARGS=(             # the same arguments as capture-samples.sh
  [spin]="500000000"
  [pipeblock]="40 600000000 512"
  [echo]="8 20 600000000"
)
MODES=(native go1.13)

mkdir -p "$BIN_DIR"
for p in "${PROGRAMS[@]}"; do
  echo "build: $p -> $BIN_DIR/bin-$p"
  (cd "$HERE/programs/$p" && "$GO" build -trimpath -o "$BIN_DIR/bin-$p" .)
done

toobig=()
for p in "${PROGRAMS[@]}"; do
  for m in "${MODES[@]}"; do
    out="$HERE/bundles/$p-$m"
    read -r -a pargs <<<"${ARGS[$p]}"
    echo "capture: $p-$m"
    rc=0
    "$HERE/../preemptscope" capture --mode "$m" --force --out "$out" -- "$BIN_DIR/bin-$p" "${pargs[@]}" \
      | sed 's/^/      stdout: /' || rc=${PIPESTATUS[0]}
    [[ $rc -eq 0 ]] || { echo "ERROR: $p-$m: capture exit status $rc" >&2; exit 1; }
    bytes=$(stat -c %s "$out/strace.txt")
    printf '      %s lines, %s bytes, tgkill SIGURG %s\n' "$(wc -l <"$out/strace.txt")" "$bytes" \
      "$(grep -c 'tgkill(.*SIGURG' "$out/strace.txt" || true)"
    (( bytes < MAX_BYTES )) || toobig+=("$p-$m")
  done
done
if (( ${#toobig[@]} )); then
  echo "ERROR: bundle(s) not below 2 MB: ${toobig[*]} - tune ARGS" >&2
  exit 1
fi
