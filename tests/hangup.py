#!/usr/bin/env python3
"""The explorer on a terminal that hangs up without sending SIGHUP.

The terminal is a pty that is not the explorer's controlling terminal,
so closing its master sends no signal: every read of a key then fails
at once.  The explorer must see the hang-up and end as SIGHUP would end
it (status 128 + 1, the state at exit kept), not spin on the failed
reads.  Prints TAP; usage: hangup.py CITYRANK."""
import os
import select
import signal
import subprocess
import sys
import tempfile
import time

cityrank = sys.argv[1]
home = tempfile.mkdtemp(prefix="cityrank-hangup.")
env = dict(os.environ, TERM="xterm", LC_ALL="C.UTF-8", XDG_DATA_HOME=home,
           CITYRANK_ASK_ON_QUIT="no")
master, slave = os.openpty()
# No setsid, no TIOCSCTTY: the pty is not the child's controlling tty.
child = subprocess.Popen([cityrank], stdin=slave, stdout=slave,
                         stderr=subprocess.DEVNULL, env=env,
                         start_new_session=False)
os.close(slave)
# Wait for the first screen: the title of the ranking.
buf = b""
deadline = time.monotonic() + 20
while time.monotonic() < deadline and len(buf) < 2000:
    if not select.select([master], [], [], 0.5)[0]:
        continue
    try:
        buf += os.read(master, 65536)
    except OSError:
        break
time.sleep(0.5)
drawn = len(buf) >= 2000
os.close(master)

start = time.monotonic()
status = None
while time.monotonic() - start < 10:
    pid, st, ru = os.wait4(child.pid, os.WNOHANG)
    if pid == child.pid:
        status, usage = st, ru
        break
    time.sleep(0.05)
if status is None:
    # Still there: how much CPU did it burn in that time?
    with open("/proc/%d/stat" % child.pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])
    child.kill()
    child.wait()
    print("1..3")
    print("ok 1 - the explorer drew its first screen" if drawn else
          "not ok 1 - the explorer drew its first screen")
    print("not ok 2 - it ends within 10 s of the hang-up "
          "(still running, %.1f s of CPU)" % (ticks / os.sysconf("SC_CLK_TCK")))
    print("not ok 3 - it ends as SIGHUP would")
    sys.exit(0)

print("1..3")
print("ok 1 - the explorer drew its first screen" if drawn else
      "not ok 1 - the explorer drew its first screen")
print("ok 2 - it ends within 10 s of the hang-up (%.1f s, %.2f s CPU)" %
      (time.monotonic() - start, usage.ru_utime + usage.ru_stime))
sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
kept = os.path.exists(os.path.join(home, "cityrank", "scenarios.db"))
if sig == signal.SIGHUP and kept:
    print("ok 3 - it ends as SIGHUP would, the state at exit kept")
else:
    print("not ok 3 - it ends as SIGHUP would (status %d, signal %d, "
          "state kept: %s)" % (os.WEXITSTATUS(status) if
                               os.WIFEXITED(status) else -1, sig, kept))
