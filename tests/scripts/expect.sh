#!/usr/bin/env bash
# expect.sh RC PATTERN CMD...: CMD must exit with RC and its stdout+stderr must match the
# extended regex PATTERN (empty pattern = no check).
set -u
want_rc=$1 pattern=$2
shift 2
out=$("$@" 2>&1)
rc=$?
status=0
if [ "$rc" != "$want_rc" ]; then echo "exit code $rc, expected $want_rc"; status=1; fi
if [ -n "$pattern" ] && ! grep -Eq -- "$pattern" <<<"$out"; then echo "output does not match /$pattern/"; status=1; fi
echo "--- output of: $*"; echo "$out" | head -30
exit $status
