#!/usr/bin/env bash
# fuzz.sh: runs the project's Jazzer fuzz targets (every @FuzzTest method under
# analyzer/src/test/java) in fuzzing mode, one after the other, and reports for each whether it
# found a crash, a hang or an out-of-memory input.
#
# Usage:  bench/fuzz.sh [--list] [Class#method ...]
#
#   (default)   fuzz every target; with arguments, only those (e.g. InputOpeningFuzzTest#openFailsOnlyWithOneLineMessages,
#               or just a class name for all of its targets).
#   --list      print the targets and exit.
#
# Each target runs as its javadoc says:
#   JAZZER_FUZZ=1 mvn -pl analyzer -am test -Dtest=CLASS#METHOD -Djunit.jupiter.execution.timeout.mode=disabled
# for the maxDuration of its @FuzzTest annotation (60 s each; Jazzer takes the duration from
# the annotation only). A single input slower than the target's @Timeout is a hang (libFuzzer's
# -timeout); a whole run that outlives its duration by HANG_MARGIN seconds is killed and counted as
# a hang too. Findings are written by Jazzer into the target's Inputs directory under
# src/test/resources (crash-*, timeout-*, oom-*); they are listed here, and kept there as
# regression inputs once the bug is fixed.
#
# Environment: MVN (default ./mvnw), HANG_MARGIN (default 300), LOG_DIR (default bench/out/fuzz).
#
# Exit status: 0 when no target found anything, 1 otherwise.
set -uo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
mvn_cmd=${MVN:-./mvnw}
margin=${HANG_MARGIN:-300}
log_dir=${LOG_DIR:-bench/out/fuzz}
tests=analyzer/src/test/java

# CLASS#METHOD for each @FuzzTest: the first method declared after the annotation.
all_targets() {
    grep -rl '@FuzzTest' "$tests" | sort | while read -r file; do
        awk -v cls="$(basename "$file" .java)" '
            /@FuzzTest/ { want = 1 }
            want && match($0, /void [A-Za-z0-9_]+\(/) { print cls "#" substr($0, RSTART + 5, RLENGTH - 6); want = 0 }
        ' "$file"
    done
}

# The maxDuration of a target's annotation, in seconds (Jazzer's default: 5m).
duration_of() {
    local cls=${1%%#*} method=${1#*#} file spec
    file=$(grep -rlE "class $cls\b" "$tests" | head -1)
    spec=$(awk -v m="$method" '
        /@FuzzTest/ { d = "5m"; if (match($0, /maxDuration *= *"[^"]*"/)) { d = substr($0, RSTART, RLENGTH); gsub(/^maxDuration *= *"|"$/, "", d) } }
        $0 ~ ("void " m "\\(") { print d; exit }' "$file")
    case $spec in
        *s) echo "${spec%s}" ;;
        *m) echo $(( ${spec%m} * 60 )) ;;
        *h) echo $(( ${spec%h} * 3600 )) ;;
        *) echo 300 ;;
    esac
}

if [ "${1:-}" = "--list" ]; then
    all_targets
    exit 0
fi

targets=()
if [ $# -eq 0 ]; then
    mapfile -t targets < <(all_targets)
else
    for wanted in "$@"; do
        while read -r t; do
            [ "$t" = "$wanted" ] || [ "${t%%#*}" = "$wanted" ] && targets+=("$t")
        done < <(all_targets)
    done
fi
if [ ${#targets[@]} -eq 0 ]; then
    echo "fuzz.sh: no such fuzz target: $*" >&2
    exit 2
fi

mkdir -p "$log_dir"
found=0
printf '| target | seconds | runs | result | findings |\n|---|---:|---:|---|---|\n'
for target in "${targets[@]}"; do
    seconds=$(duration_of "$target")
    log="$log_dir/${target/\#/.}.log"
    before=$(git status --porcelain --untracked-files=all -- analyzer/src/test/resources | sort)
    start=$(date +%s)
    JAZZER_FUZZ=1 timeout --signal=TERM $((seconds + margin)) \
        "$mvn_cmd" -B -pl analyzer -am test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
        -Djunit.jupiter.execution.timeout.mode=disabled >"$log" 2>&1
    status=$?
    elapsed=$(( $(date +%s) - start ))
    after=$(git status --porcelain --untracked-files=all -- analyzer/src/test/resources | sort)
    new_inputs=$(comm -13 <(echo "$before") <(echo "$after") | awk '{print $2}' \
        | grep -E '/(crash|timeout|oom|slow-unit)-[^/]*$' | tr '\n' ' ')
    runs=$(grep -oE '(Done|DONE) +[0-9]+ runs|#[0-9]+ +DONE' "$log" | grep -oE '[0-9]+' | tail -1)
    if [ $status -eq 124 ]; then
        result="HANG (run killed after ${elapsed} s)"
    elif grep -qE 'libFuzzer: out-of-memory|OutOfMemoryError' "$log"; then
        result=OOM
    elif grep -qE 'libFuzzer: timeout|ERROR: libFuzzer: deadly signal.*timeout' "$log" || [[ $new_inputs == *timeout-* ]]; then
        result=HANG
    elif [ $status -ne 0 ]; then
        if grep -qE 'FuzzTestFindingException|== Java Exception|crash-' "$log"; then
            result=CRASH
        else
            result="FAILED (build or setup, see $log)"
        fi
    else
        result=ok
    fi
    [ "$result" = ok ] || found=1
    printf '| %s | %s | %s | %s | %s |\n' "$target" "$elapsed" "${runs:-?}" "$result" "${new_inputs:-none}"
done
exit $found
