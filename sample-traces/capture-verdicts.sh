#!/usr/bin/env bash
# capture-verdicts.sh - real captures that pin analyze's verdicts (issue "trustworthy verdicts").
#
# Usage: sample-traces/capture-verdicts.sh [--force] [NAME...]
#
#   Writes verdicts/<name>.strace.txt (gzip-compressed as .strace.txt.gz when large) and one row
#   per capture in verdicts/captures.tsv. Existing captures are kept unless --force. NAMEs limit
#   the run to those captures. Needs root (apt-get for the Debian-packaged programs), strace and
#   /usr/lib/go-1.19/bin/go. Run it on an otherwise idle machine: tracer and scheduler timing is
#   what these captures are about.
#
# What each capture shows is in verdicts/README.md.
set -euo pipefail
export LC_ALL=C
unset GODEBUG GOGC GOMEMLIMIT GOMAXPROCS

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE/verdicts"
GO="${GO:-/usr/lib/go-1.19/bin/go}"
BIN_DIR="${BIN_DIR:-/tmp/preemptscope-verdict-bin}"
WORK="${WORK:-/tmp/preemptscope-verdict-work}"
TSV="$OUT/captures.tsv"
APO=(-E GODEBUG=asyncpreemptoff=1)
FORCE=0
ONLY=()
for a in "$@"; do
  case "$a" in
    --force) FORCE=1 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) ONLY+=("$a") ;;
  esac
done

mkdir -p "$OUT" "$BIN_DIR" "$WORK"
for p in seed spin pipeblock echo; do
  (cd "$HERE/programs/$p" && "$GO" build -trimpath -o "$BIN_DIR/$p" .)
done
need=()
for p in restic gojq age fzf hugo caddy hey; do command -v "$p" >/dev/null || need+=("$p"); done
[ "${#need[@]}" -eq 0 ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null

[ -f "$TSV" ] || printf 'file\twhat\tcommand\texit\tbytes\tlines\tdate_utc\n' >"$TSV"

wanted() {
  [ "${#ONLY[@]}" -eq 0 ] && return 0
  local n; for n in "${ONLY[@]}"; do [ "$n" = "$1" ] && return 0; done; return 1
}

# capture NAME WHAT -- COMMAND...: COMMAND writes $OUT/NAME.strace.txt (strace -o "$F").
capture() {
  local name=$1 what=$2; shift 3
  wanted "$name" || return 0
  F="$OUT/$name.strace.txt"
  if [[ ( -e "$F" || -e "$F.gz" ) && $FORCE -eq 0 ]]; then echo "skip: $name exists"; return 0; fi
  rm -f "$F" "$F.gz"
  echo "run:  $name"
  local rc=0
  ( cd "$WORK" && eval "$*" ) >"$WORK/$name.stdout" 2>"$WORK/$name.stderr" || rc=$?
  local bytes lines
  bytes=$(stat -c %s "$F"); lines=$(wc -l <"$F")
  if (( bytes > 4 * 1024 * 1024 )); then gzip -9 "$F"; F="$F.gz"; fi
  awk -F'\t' -v f="$(basename "$F")" '$1 != f' "$TSV" >"$TSV.tmp" && mv "$TSV.tmp" "$TSV"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(basename "$F")" "$what" "$*" "$rc" "$bytes" "$lines" \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$TSV"
}

S="strace -f -tt -T -s 128"

# --- the seed experiment -----------------------------------------------------------------------
capture seed-default "seed program, Go 1.19 default: main preempted, the goroutine panics" -- \
  'timeout -s INT 3 $S -o "$F" $BIN_DIR/seed'
capture seed-apo-hang "seed program, asyncpreemptoff=1: main spins until timeout -s INT 3 kills it" -- \
  'timeout -s INT 3 $S "${APO[@]}" -o "$F" $BIN_DIR/seed'

capture seed-apo-strace-killed "seed program, asyncpreemptoff=1, strace itself killed by SIGKILL after 2 s: the log just ends" -- \
  '{ timeout -s KILL 2 $S "${APO[@]}" -o "$F" $BIN_DIR/seed; pkill -9 -f "^$BIN_DIR/seed\$"; true; }'

# --- a stopped process -------------------------------------------------------------------------
capture spin-sigstop "spin (default), SIGSTOP after 0.3 s, SIGCONT 0.6 s later" -- \
  '{ $S -o "$F" $BIN_DIR/spin 500000000 & sleep 0.3; kill -STOP $(pgrep -n -f "^$BIN_DIR/spin"); sleep 0.6; kill -CONT $(pgrep -n -f "^$BIN_DIR/spin"); wait; }'

# --- strace flag styles ------------------------------------------------------------------------
capture pipeblock-no-T "pipeblock (default) without -T: no syscall durations" -- \
  'strace -f -tt -s 128 -o "$F" $BIN_DIR/pipeblock 40 600000000 512'
capture spin-X-raw "spin (default) with -X raw: signals and codes as numbers" -- \
  '$S -X raw -o "$F" $BIN_DIR/spin 500000000'
capture spin-X-verbose "spin (default) with -X verbose: numbers with names in comments" -- \
  '$S -X verbose -o "$F" $BIN_DIR/spin 500000000'

# --- injected faults ---------------------------------------------------------------------------
capture pipeblock-inject-eintr "pipeblock (default), strace --inject=read:error=EINTR on every 3rd read from the 2nd" -- \
  '$S --inject=read:error=EINTR:when=2+3 -o "$F" $BIN_DIR/pipeblock 40 600000000 512'

# --- netpoll with timed waits (a real server under load) ---------------------------------------
mkdir -p "$WORK/www"; head -c 65536 /dev/urandom >"$WORK/www/blob"
caddy_run() { # $1: extra strace options
  echo "$S $1 -o \"\$F\" caddy file-server --listen 127.0.0.1:18080 --root $WORK/www & sleep 1;" \
       "hey -z 3s -c 8 http://127.0.0.1:18080/blob >/dev/null; kill -INT \$(pgrep -n -x caddy); wait"
}
capture caddy-default "caddy file-server (Debian) under hey -z 3s -c 8, default" -- "$(caddy_run '')"
capture caddy-apo "caddy file-server (Debian) under hey -z 3s -c 8, asyncpreemptoff=1" -- "$(caddy_run '"${APO[@]}"')"

# --- Debian-packaged Go programs doing real work -----------------------------------------------
[ -f "$WORK/data.json" ] || python3 -c '
import json, random
random.seed(1)
print(json.dumps([{"a": random.random(), "b": str(i), "c": list(range(i % 20))} for i in range(400000)]))' >"$WORK/data.json"
[ -f "$WORK/big.bin" ] || head -c 300000000 /dev/urandom >"$WORK/big.bin"
[ -f "$WORK/key.txt" ] || age-keygen -o "$WORK/key.txt" 2>/dev/null
for mode in default apo; do
  opt=""; [ $mode = apo ] && opt='"${APO[@]}"'
  capture gojq-$mode "gojq (Debian) sums a 60 MB JSON array, $mode" -- \
    "$S $opt -o \"\$F\" gojq '[.[] | .a * 2 + (.c | length)] | add' data.json"
  capture age-$mode "age (Debian) encrypts 300 MB to /dev/null, $mode" -- \
    "$S $opt -o \"\$F\" age -r \$(sed -n 's/^# public key: //p' key.txt) -o /dev/null big.bin"
  capture restic-$mode "restic (Debian) backs up /usr/share/doc and /usr/lib/go-1.19/src to a new local repo, $mode" -- \
    "rm -rf repo-$mode; RESTIC_PASSWORD=x restic init -q -r repo-$mode; RESTIC_PASSWORD=x $S $opt -o \"\$F\" restic -q -r repo-$mode backup /usr/share/doc /usr/lib/go-1.19/src"
  capture fzf-$mode "fzf --filter (Debian) over every path under /usr, $mode" -- \
    "find /usr >paths.txt; $S $opt -o \"\$F\" fzf --filter 'libgo' <paths.txt >/dev/null"
done


# --- the seed experiment as a capture bundle, stopped the way Ctrl-C stops it ------------------
if wanted seed-go1.13-bundle && { [ ! -d "$OUT/bundles/seed-go1.13" ] || [ $FORCE -eq 1 ]; }; then
  echo "run:  seed-go1.13-bundle"
  mkdir -p "$OUT/bundles"
  timeout -s INT 3 "$HERE/../preemptscope" capture --mode go1.13 --force --out "$OUT/bundles/seed-go1.13" \
    -- "$BIN_DIR/seed" || true
fi

# --- a program that is not Go ------------------------------------------------------------------
if wanted true-not-go && { [ ! -d "$OUT/bundles/true-not-go" ] || [ $FORCE -eq 1 ]; }; then
  echo "run:  true-not-go"
  "$HERE/../preemptscope" capture --force --out "$OUT/bundles/true-not-go" -- /bin/true
fi
echo "done: $(ls "$OUT" | wc -l) entries in $OUT"
