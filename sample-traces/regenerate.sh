#!/usr/bin/env bash
# Regenerates every sample in sample-traces/ on this machine, in both preemption modes:
#   capture-bundles.sh   `preemptscope capture` of spin, pipeblock and echo, native and go1.13
#                        (GODEBUG=asyncpreemptoff=1) -> bundles/<name>-<mode>/
#   capture-gotraces.sh  Go execution traces (runtime/trace and go test -trace), both modes
#   capture-samples.sh   the plain strace -f -tt -T logs *.strace.txt the parser tests pin
# capture-bundles.sh always replaces its bundles (capture --force); the other two keep existing
# files unless this script is given --force, which it passes on to them.
# Needs strace and /usr/lib/go-1.19/bin/go (apt-get install -y strace golang-1.19-go).
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
"$here/capture-bundles.sh"
"$here/capture-gotraces.sh" "$@"
"$here/capture-samples.sh" "$@"
