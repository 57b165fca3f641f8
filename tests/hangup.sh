#!/bin/sh
# The explorer on a terminal that hangs up without a SIGHUP: it must end
# as SIGHUP ends it, not spin on reads that fail (tests/hangup.py).
set -u
: "${CITYRANK:?}" "${SRCDIR:?}"
exec python3 "$SRCDIR/tests/hangup.py" "$CITYRANK"
