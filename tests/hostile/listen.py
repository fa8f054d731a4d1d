#!/usr/bin/env python3
"""listen.py PORTFILE LOGFILE [SECONDS]: a TCP listener on 127.0.0.1 that records
every connection it gets (one line in LOGFILE each) and answers nothing.

The hostile-input tests point external DTDs, document() and xsl:include at it: regdoc
must never connect, so LOGFILE must stay empty. The port (chosen by the system) is
written to PORTFILE once listening. Stops after SECONDS (default 300) or on SIGTERM.
"""
import socket
import sys
import time

portfile, logfile = sys.argv[1], sys.argv[2]
deadline = time.time() + (float(sys.argv[3]) if len(sys.argv) > 3 else 300.0)
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0))
s.listen(16)
s.settimeout(0.5)
with open(logfile, "a"):
    pass
with open(portfile + ".tmp", "w") as f:
    f.write("%d\n" % s.getsockname()[1])
import os
os.rename(portfile + ".tmp", portfile)
while time.time() < deadline:
    try:
        c, addr = s.accept()
    except socket.timeout:
        continue
    with open(logfile, "a") as f:
        f.write("connection from %s:%d\n" % addr)
    c.close()
