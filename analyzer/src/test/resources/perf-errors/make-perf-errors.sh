#!/usr/bin/env bash
# Regenerates the perf error outputs beside this script (run as root, with perf installed).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd /tmp
nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
"${nobody[@]}" perf record -e sched:sched_switch -o /tmp/nobody.data -- true >"$here/tracefs-unreadable-nonroot.txt" 2>&1
"${nobody[@]}" perf record -q -a -e cycles:u -o /tmp/nobody.data -- true >"$here/paranoid-nonroot-system-wide.txt" 2>&1
perf record -e sched:no_such_tracepoint -o /tmp/x.data -- true >"$here/unknown-tracepoint.txt" 2>&1
perf record -e sched:sched_switch -p 999999 -o /tmp/x.data >"$here/no-such-pid.txt" 2>&1
perf record -e sched:sched_switch -o /tmp/x.data -- /nonexistent/prog >"$here/workload-missing.txt" 2>&1
exit 0
