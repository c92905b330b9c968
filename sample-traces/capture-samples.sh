#!/usr/bin/env bash
# capture-samples.sh - build the sample Go programs and record strace captures
# of each one, with and without asynchronous preemption.
#
# Usage: sample-traces/capture-samples.sh [--force]
#
#   Builds programs/{spin,pipeblock,echo,asmspin} with Go 1.19 into $BIN_DIR (outside
#   the repo; binaries are not committed) and writes, next to this script:
#     <name>-default.strace.txt   run with the default GODEBUG
#     <name>-apo.strace.txt       run with strace -E GODEBUG=asyncpreemptoff=1
#   plus one row per capture in captures.tsv.
#
#   Existing captures are NOT overwritten: they are skipped and their
#   captures.tsv rows kept. Pass --force to recapture everything.
#
# Environment: GO (default /usr/lib/go-1.19/bin/go), STRACE (default
# /usr/bin/strace), BIN_DIR (default /tmp/preemptscope-bin).
#
# Every capture is: timeout -s INT 60 strace -f -tt -T -s 256 [-E GODEBUG=...]
#   -o <file> <binary> <args>
# (-s 256 so the programs' one-line summaries on fd 1 are not cut at strace's
# default 32 characters.)
set -euo pipefail

usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; }

FORCE=0
for a in "$@"; do
  case "$a" in
    --force) FORCE=1 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument: $a" >&2; usage >&2; exit 2 ;;
  esac
done

export LC_ALL=C
# Keep the tracee environment neutral; the apo mode adds GODEBUG via strace -E.
unset GODEBUG GOGC GOMEMLIMIT GOMAXPROCS

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GO="${GO:-/usr/lib/go-1.19/bin/go}"
STRACE="${STRACE:-/usr/bin/strace}"
BIN_DIR="${BIN_DIR:-/tmp/preemptscope-bin}"
MAX_BYTES=$((2 * 1024 * 1024))
TSV="$HERE/captures.tsv"

# program -> arguments (tuned so each capture stays well below 2 MB)
PROGRAMS=(spin pipeblock echo asmspin)
declare -A ARGS=(
  [spin]="500000000"              # LCG iterations per spinner (~1 s total)
  [pipeblock]="40 600000000 512"  # rounds, spinner iterations, KiB alloc/round
  [echo]="8 20 600000000"         # connections, messages/conn, spinner iterations
  [asmspin]="4000000000"          # countdown in assembly (~1 s)
)
MODES=(default apo)

GO_VERSION="$("$GO" version)"
STRACE_VERSION="$("$STRACE" -V | head -n 1)"
KERNEL="$(uname -r)"

# ---- build ---------------------------------------------------------------
mkdir -p "$BIN_DIR"
for p in "${PROGRAMS[@]}"; do
  echo "build: $p -> $BIN_DIR/bin-$p"
  (cd "$HERE/programs/$p" && "$GO" build -trimpath -o "$BIN_DIR/bin-$p" .)
done

# ---- capture -------------------------------------------------------------
HEADER=$'file\tprogram\targs\tgodebug\tstrace_command\tstrace_exit\tbytes\tlines\tgo_version\tstrace_version\tkernel\tdate_utc'
NEW_ROWS="$(mktemp)"
trap 'rm -f "$NEW_ROWS"' EXIT
made=() kept=() toobig=()

cd "$HERE"
for p in "${PROGRAMS[@]}"; do
  for m in "${MODES[@]}"; do
    out="$p-$m.strace.txt"
    if [[ -e "$out" && $FORCE -eq 0 ]]; then
      kept+=("$out"); echo "skip: $out exists (use --force to recapture)"; continue
    fi
    read -r -a pargs <<<"${ARGS[$p]}"
    godebug="" ; envopt=()
    if [[ $m == apo ]]; then godebug="asyncpreemptoff=1"; envopt=(-E "GODEBUG=$godebug"); fi
    cmd=(timeout -s INT 60 "$STRACE" -f -tt -T -s 256 "${envopt[@]}" -o "$out" "$BIN_DIR/bin-$p" "${pargs[@]}")
    date_utc="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "run:  ${cmd[*]}"
    rc=0
    "${cmd[@]}" | sed 's/^/      stdout: /' || rc=${PIPESTATUS[0]}
    bytes=$(stat -c %s "$out")
    lines=$(wc -l <"$out")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
      "$out" "$p" "${ARGS[$p]}" "${godebug:--}" "${cmd[*]}" "$rc" "$bytes" "$lines" \
      "$GO_VERSION" "$STRACE_VERSION" "$KERNEL" "$date_utc" >>"$NEW_ROWS"
    made+=("$out")
    (( bytes < MAX_BYTES )) || toobig+=("$out")
    [[ $rc -eq 0 ]] || echo "WARNING: $out: exit status $rc" >&2
  done
done

# ---- captures.tsv: keep rows of skipped captures, replace the rest ---------
MERGED="$(mktemp)"
trap 'rm -f "$NEW_ROWS" "$MERGED"' EXIT
if [[ -f "$TSV" ]]; then
  awk -F'\t' 'FILENAME == ARGV[1] { new[$1] = 1; next } FNR > 1 && !($1 in new)' "$NEW_ROWS" "$TSV" >"$MERGED"
fi
cat "$NEW_ROWS" >>"$MERGED"
{
  echo "$HEADER"
  for p in "${PROGRAMS[@]}"; do   # canonical row order
    for m in "${MODES[@]}"; do
      awk -F'\t' -v f="$p-$m.strace.txt" '$1 == f' "$MERGED"
    done
  done
} >"$TSV.tmp"
mv "$TSV.tmp" "$TSV"

# ---- summary ---------------------------------------------------------------
echo
echo "made: ${made[*]:-(none)}"
echo "kept: ${kept[*]:-(none)}"
echo "sidecar: $TSV"
printf '%-28s %8s %8s %8s %8s %8s %8s\n' file lines tgkillURG ---URG ERESTSYS rdERESTS EINTR
for p in "${PROGRAMS[@]}"; do
  for m in "${MODES[@]}"; do
    f="$p-$m.strace.txt"; [[ -e $f ]] || continue
    c() { grep -c -e "$1" "$f" || true; }
    printf '%-28s %8s %8s %8s %8s %8s %8s\n' "$f" "$(wc -l <"$f")" \
      "$(c 'tgkill(.*SIGURG')" "$(c '--- SIGURG')" "$(c '= ? ERESTARTSYS')" \
      "$(grep -cE '(read\(|<\.\.\. read resumed>).*= \? ERESTARTSYS' "$f" || true)" "$(c ' EINTR ')"
  done
done
if (( ${#toobig[@]} )); then
  echo "ERROR: capture(s) not below 2 MB: ${toobig[*]} - tune ARGS" >&2
  exit 1
fi
