#!/usr/bin/env bash
# capture-agreement.sh - record the same runs with both capture backends, for a test that the
# strace and perf captures of one program agree: `preemptscope capture --backend strace|perf` (as
# root) into perf/agreement/<program>-<mode>-<backend>/.
#
# Usage: sample-traces/perf/capture-agreement.sh [program...]
#
#   program: spin, seed, echo, joinload or pipeblock; only those programs' bundles are captured
#   (the others are left as they are, so that their pinned counts stay). Default: all of them.
#   Builds the programs from programs/<program> with Go 1.19 into $BIN_DIR (outside the repo;
#   removed again at the end) and runs, for each bundle,
#     ./preemptscope capture --backend <backend> --mode <mode> --force --out perf/agreement/<name> -- ...
#   strace bundles hold strace.txt and capture.json; perf bundles perf.data, perf.txt and
#   capture.json. The bundles, each in both backends:
#     spin-{native,go1.13}    bin-spin 150000000 (as capture-perf-bundles.sh)
#     seed-{native,go1.13}    bin-seed: native, SIGURG preempts main and a goroutine panics (target
#                             exit status 2, expected); go1.13 hangs, so the capture is stopped by
#                             timeout -s INT 3 (exit status 130, capture.json says interrupted)
#     echo-{native,go1.13}    bin-echo 8 20 150000000 (capture-bundles.sh's spinner cut to fit perf)
#     joinload-spin-p1        bin-joinload spin 1 500, native, with --gotrace-env PREEMPTSCOPE_TRACE:
#                             go.trace too (as capture-join-pairs.sh's spin-p1)
#     pipeblock-native        bin-pipeblock 40 600000000 512 (capture-bundles.sh's): SIGURG now and
#                             then hits a thread inside a syscall (read of the pipe, futex), which
#                             strace shows as ERESTARTSYS / ERESTART_RESTARTBLOCK, perf as sys_exit
#                             -512 / -516; by chance, so a run may have none under perf
#     pipeblock-go1.13        bin-pipeblock 20 50000000 512: no SIGURG; stopping the world waits
#                             for the spinner, a loop perf records at ~3 MB/s, hence the cut
#   and prints each bundle's file sizes, SIGURG counts (perf signal_generate / signal_deliver with
#   sig=23, strace tgkill(..SIGURG) / --- SIGURG) and interrupted syscalls (strace: ERESTART* and
#   EINTR results; perf: sys_exit -4, -512, -513, -514, -516, which also counts the threads that
#   exit_group's SIGKILL takes out of futex or nanosleep at the end). Any other exit status than
#   the expected one (capture failure: 4) stops the script. Nothing here is edited by hand.
#
# Environment: GO (default /usr/lib/go-1.19/bin/go), BIN_DIR (default /tmp/preemptscope-bin).
set -euo pipefail

ALL_PROGRAMS=(spin seed echo joinload pipeblock)
PROGRAMS=()
for a in "$@"; do
  case "$a" in
    -h|--help) sed -n '2,34p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    spin|seed|echo|joinload|pipeblock)
      [[ " ${PROGRAMS[*]} " == *" $a "* ]] || PROGRAMS+=("$a") ;;
    *) echo "unknown argument: $a (programs: ${ALL_PROGRAMS[*]})" >&2; exit 2 ;;
  esac
done
(( ${#PROGRAMS[@]} )) || PROGRAMS=("${ALL_PROGRAMS[@]}")

export LC_ALL=C
unset GODEBUG GOGC GOMEMLIMIT GOMAXPROCS PREEMPTSCOPE_TRACE

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
GO="${GO:-/usr/lib/go-1.19/bin/go}"
BIN_DIR="${BIN_DIR:-/tmp/preemptscope-bin}"
MAX_BYTES=$((2 * 1024 * 1024))
OUT="$HERE/agreement"

BACKENDS=(strace perf)
MODES=(native go1.13)

# A binary left at the path a sample capture's execve names makes analyze read its build info
# (go1.19.8 instead of go1.14+), which some tests of the strace samples do not expect.
cleanup() {
  for p in "${PROGRAMS[@]}"; do
    rm -f "$BIN_DIR/bin-$p"
  done
}
trap cleanup EXIT

mkdir -p "$BIN_DIR"
for p in "${PROGRAMS[@]}"; do
  echo "build: $p -> $BIN_DIR/bin-$p"
  (cd "$HERE/../programs/$p" && "$GO" build -trimpath -o "$BIN_DIR/bin-$p" .)
done

# name|program|mode|program arguments|expected capture exit status|seconds before SIGINT (0: none)|gotrace env
ROWS=()
for m in "${MODES[@]}"; do
  ROWS+=("spin-$m|spin|$m|150000000|0|0|")
done
ROWS+=("seed-native|seed|native||2|0|")      # the goroutine's panic
ROWS+=("seed-go1.13|seed|go1.13||130|3|")    # hangs: stopped like Ctrl-C
for m in "${MODES[@]}"; do
  ROWS+=("echo-$m|echo|$m|8 20 150000000|0|0|")
done
ROWS+=("joinload-spin-p1|joinload|native|spin 1 500|0|0|PREEMPTSCOPE_TRACE")
ROWS+=("pipeblock-native|pipeblock|native|40 600000000 512|0|0|")
ROWS+=("pipeblock-go1.13|pipeblock|go1.13|20 50000000 512|0|0|")

# field of capture.json: "key" : value -> value
manifest() { sed -n "s/^  \"$2\" : \\(.*[^,]\\),\\{0,1\\}\$/\\1/p" "$1/capture.json"; }
count() { grep -c -- "$1" "$2" || true; }

toobig=()
for row in "${ROWS[@]}"; do
  IFS='|' read -r base p m args want stop genv <<<"$row"
  [[ " ${PROGRAMS[*]} " == *" $p "* ]] || continue
  read -r -a pargs <<<"$args"
  for b in "${BACKENDS[@]}"; do
    name="$base-$b"
    out="$OUT/$name"
    cmd=("$HERE/../../preemptscope" capture --backend "$b" --mode "$m" --force --out "$out")
    [[ -z $genv ]] || cmd+=(--gotrace-env "$genv")
    cmd+=(-- "$BIN_DIR/bin-$p" "${pargs[@]}")
    # --preserve-status: capture's own 130, not timeout's 124; -k: a capture that ignores the
    # SIGINT is killed (137) and stops the script
    (( stop == 0 )) || cmd=(timeout --preserve-status -k 30 -s INT "$stop" "${cmd[@]}")
    echo "capture: $name (${cmd[*]#"$HERE/../../"})"
    rc=0
    "${cmd[@]}" | sed 's/^/      stdout: /' || rc=${PIPESTATUS[0]}
    [[ $rc -eq $want ]] || { echo "ERROR: $name: capture exit status $rc, expected $want" >&2; exit 1; }
    sizes=""
    for f in capture.json strace.txt perf.data perf.txt go.trace; do
      [[ -f $out/$f ]] || continue
      bytes=$(stat -c %s "$out/$f")
      sizes+="${sizes:+, }$f $bytes"
      (( bytes < MAX_BYTES )) || toobig+=("$name/$f")
    done
    if [[ $b == perf ]]; then
      chmod 644 "$out/perf.data"
      sent=$(count 'signal_generate: sig=23 ' "$out/perf.txt")
      got=$(count 'signal_deliver: sig=23 ' "$out/perf.txt")
      intr=$(count 'sys_exit: NR [0-9]* = -\(4\|512\|513\|514\|516\)$' "$out/perf.txt")
    else
      sent=$(count 'tgkill(.*SIGURG' "$out/strace.txt")
      got=$(count '--- SIGURG' "$out/strace.txt")
      intr=$(count 'ERESTARTSYS\|ERESTART_RESTARTBLOCK\|ERESTARTNOHAND\| EINTR' "$out/strace.txt")
    fi
    lost=""
    [[ $b != perf ]] || lost=", perfLostChunks $(manifest "$out" perfLostChunks)"
    printf '      %s bytes\n' "$sizes"
    printf '      SIGURG sent %s, delivered %s; interrupted syscalls %s\n' "$sent" "$got" "$intr"
    printf '      exit status %s, targetExit %s, interrupted %s%s\n' \
      "$rc" "$(manifest "$out" targetExit)" "$(manifest "$out" interrupted)" "$lost"
  done
done

if (( ${#toobig[@]} )); then
  echo "ERROR: file(s) not below 2 MB: ${toobig[*]} - tune the program arguments" >&2
  exit 1
fi
