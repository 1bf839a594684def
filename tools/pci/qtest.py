"""Minimal lock-step qtest driver for QEMU 7.2 (-machine pc -S), used by the PCI dump script."""
import subprocess

MACHINE = ["-S", "-machine", "pc", "-m", "128M", "-nodefaults", "-display", "none",
           "-rtc", "base=2001-02-03T04:05:06,clock=vm"]


class Qtest:
    def __init__(self, extra=()):
        self.p = subprocess.Popen(["qemu-system-x86_64", *MACHINE, *extra, "-qtest", "stdio"],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, text=True, bufsize=1)

    def cmd(self, line):
        self.p.stdin.write(line + "\n")
        self.p.stdin.flush()
        while True:
            reply = self.p.stdout.readline()
            if not reply:
                raise RuntimeError("QEMU closed on: " + line)
            reply = reply.strip()
            if reply.startswith("IRQ"):
                continue
            return reply

    def inp(self, width, port):
        r = self.cmd("in%s 0x%x" % ("bwl"[width >> 1 if width < 4 else 2], port))
        assert r.startswith("OK "), r
        return int(r[3:], 16)

    def out(self, width, port, value):
        r = self.cmd("out%s 0x%x 0x%x" % ("bwl"[width >> 1 if width < 4 else 2], port, value))
        assert r == "OK", r

    def close(self):
        self.p.stdin.close()
        self.p.kill()
        self.p.wait()

    def __enter__(self):
        return self

    def __exit__(self, *a):
        self.close()
