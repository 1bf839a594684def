#!/usr/bin/env python3
"""Lockstep qtest commands per second: trapline serve against QEMU, side by side in one run.

Connects to each as libqtest does (tests/qtest/libqtest.c): listens on a qtest and a QMP unix
socket, starts the binary with libqtest's command line, accepts both, reads the QMP greeting and
sends qmp_capabilities; then sends N commands one at a time, each waiting for its reply, and times
them. The commands alternate `inb 0x61` and `outb 0x80 N` (port 61h is the PIT/speaker control,
80h the POST port: both answered on every PC board). Rounds alternate between the two targets so
that both see the same machine load.

Usage: tools/serve/bench.py [-n N] [--rounds R] [--qemu BIN] [--serve BIN]
  --qemu   QEMU 7.2 with the qtest accelerator (default $TRAPLINE_QEMU_QTEST, else
           ~/.cache/trapline/qemu-7.2-qtest/bin/qemu-system-x86_64, built by tools/qemu-qtest/build.sh)
  --serve  the serve wrapper (default tools/serve/bin/qemu-system-x86_64; needs target/trapline.jar)
Prints commands per second for each, the best of the rounds, and the ratio.
"""
import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


class Qtest:
    def __init__(self, binary, workdir, name):
        self.qtest_path = os.path.join(workdir, name + ".sock")
        self.qmp_path = os.path.join(workdir, name + ".qmp")
        listeners = []
        for path in (self.qtest_path, self.qmp_path):
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.bind(path)
            s.listen(1)
            s.settimeout(60)
            listeners.append(s)
        args = [binary, "-qtest", "unix:" + self.qtest_path, "-qtest-log", "/dev/null",
                "-chardev", "socket,path=%s,id=char0" % self.qmp_path, "-mon", "chardev=char0,mode=control",
                "-display", "none", "-machine", "pc", "-nodefaults", "-accel", "qtest"]
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL)
        self.sock = listeners[0].accept()[0]
        self.qmp = listeners[1].accept()[0]
        for s in listeners:
            s.close()
        self.file = self.sock.makefile("rb", buffering=65536)
        self.qmp_file = self.qmp.makefile("rb")
        greeting = self.qmp_file.readline()
        if b'"QMP"' not in greeting:
            sys.exit("bench: %s sent no QMP greeting: %r" % (binary, greeting))
        self.qmp.sendall(b'{"execute": "qmp_capabilities"}')
        reply = self.qmp_file.readline()
        if b'"return"' not in reply:
            sys.exit("bench: %s refused qmp_capabilities: %r" % (binary, reply))

    def send(self, command):
        self.sock.sendall(command)
        while True:
            line = self.file.readline()
            if not line:
                sys.exit("bench: the target closed its socket")
            if not line.startswith(b"IRQ"):
                return line

    def close(self):
        self.sock.close()
        self.qmp.close()
        self.proc.terminate()
        self.proc.wait(30)


def run(target, n):
    commands = [b"inb 0x61\n" if i % 2 == 0 else b"outb 0x80 0x%x\n" % (i & 0xff) for i in range(n)]
    start = time.perf_counter()
    for c in commands:
        reply = target.send(c)
        if not reply.startswith(b"OK"):
            sys.exit("bench: %r answered %r" % (c, reply))
    return n / (time.perf_counter() - start)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-n", type=int, default=50000, help="commands per round (default 50000)")
    p.add_argument("--rounds", type=int, default=3, help="rounds per target (default 3)")
    p.add_argument("--warmup", type=int, default=20000, help="commands before timing (default 20000)")
    default_qemu = os.environ.get("TRAPLINE_QEMU_QTEST",
                                  os.path.expanduser("~/.cache/trapline/qemu-7.2-qtest/bin/qemu-system-x86_64"))
    p.add_argument("--qemu", default=default_qemu)
    p.add_argument("--serve", default=os.path.join(HERE, "bin", "qemu-system-x86_64"))
    a = p.parse_args()
    for b in (a.qemu, a.serve):
        if not os.access(b, os.X_OK):
            sys.exit("bench: %s is not an executable" % b)
    with tempfile.TemporaryDirectory() as d:
        targets = {"qemu": Qtest(a.qemu, d, "qemu"), "serve": Qtest(a.serve, d, "serve")}
        try:
            for t in targets.values():
                run(t, a.warmup)  # the JVM's JIT, QEMU's caches
            best = {name: 0.0 for name in targets}
            for r in range(a.rounds):
                for name, t in targets.items():
                    rate = run(t, a.n)
                    best[name] = max(best[name], rate)
                    print("round %d %-5s %9.0f commands/s" % (r + 1, name, rate))
        finally:
            for t in targets.values():
                t.close()
    print("qemu  (%s): %9.0f lockstep commands/s" % (a.qemu, best["qemu"]))
    print("serve (%s): %9.0f lockstep commands/s" % (a.serve, best["serve"]))
    print("serve / qemu: %.2fx" % (best["serve"] / best["qemu"]))


if __name__ == "__main__":
    main()
