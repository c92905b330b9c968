#!/usr/bin/env bash
# capture-compare-samples.sh - the real captures the compare tests read, made
# the same way as capture-samples.sh (strace -f -tt -T -s 256, Go 1.19):
#
#   pipeblock-default-run2.strace.txt, pipeblock-default-run3.strace.txt
#       two more runs of pipeblock with default settings, the same arguments
#       as pipeblock-default.strace.txt: two captures of one healthy program,
#       which no-regression must pass
#   callfree-before-apo.strace.txt, callfree-after-apo.strace.txt
#       programs/callfree with asyncpreemptoff=1, before and after a change
#       that makes its loop call-free: the regression no-regression must catch
#
# Usage: sample-traces/capture-compare-samples.sh [--force]
# Existing captures are kept without --force. Rows go to captures.tsv.
set -euo pipefail

FORCE=0
[[ "${1:-}" == --force ]] && FORCE=1
export LC_ALL=C
unset GODEBUG GOGC GOMEMLIMIT GOMAXPROCS

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GO="${GO:-/usr/lib/go-1.19/bin/go}"
STRACE="${STRACE:-/usr/bin/strace}"
BIN_DIR="${BIN_DIR:-/tmp/preemptscope-bin}"
TSV="$HERE/captures.tsv"
GO_VERSION="$("$GO" version)"
STRACE_VERSION="$("$STRACE" -V | head -n 1)"
KERNEL="$(uname -r)"

mkdir -p "$BIN_DIR"
for p in pipeblock callfree; do
  (cd "$HERE/programs/$p" && "$GO" build -trimpath -o "$BIN_DIR/bin-$p" .)
done

# file | program | args | godebug
CAPTURES=(
  "pipeblock-default-run2.strace.txt|pipeblock|40 600000000 512|-"
  "pipeblock-default-run3.strace.txt|pipeblock|40 600000000 512|-"
  "callfree-before-apo.strace.txt|callfree|before 200000000|asyncpreemptoff=1"
  "callfree-after-apo.strace.txt|callfree|after 200000000|asyncpreemptoff=1"
)

cd "$HERE"
for c in "${CAPTURES[@]}"; do
  IFS='|' read -r out p args godebug <<<"$c"
  if [[ -e "$out" && $FORCE -eq 0 ]]; then
    echo "skip: $out exists (use --force to recapture)"; continue
  fi
  read -r -a pargs <<<"$args"
  envopt=()
  [[ $godebug != - ]] && envopt=(-E "GODEBUG=$godebug")
  cmd=(timeout -s INT 60 "$STRACE" -f -tt -T -s 256 "${envopt[@]}" -o "$out" "$BIN_DIR/bin-$p" "${pargs[@]}")
  date_utc="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "run:  ${cmd[*]}"
  rc=0
  "${cmd[@]}" | sed 's/^/      stdout: /' || rc=${PIPESTATUS[0]}
  bytes=$(stat -c %s "$out")
  lines=$(wc -l <"$out")
  grep -v -F "$out	" "$TSV" >"$TSV.tmp" || true
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
    "$out" "$p" "$args" "$godebug" "${cmd[*]}" "$rc" "$bytes" "$lines" \
    "$GO_VERSION" "$STRACE_VERSION" "$KERNEL" "$date_utc" >>"$TSV.tmp"
  mv "$TSV.tmp" "$TSV"
done
