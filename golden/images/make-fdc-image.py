#!/usr/bin/env python3
"""Writes golden/images/fdc-360k.img: a raw 360 KiB 5.25" diskette image (40 cylinders, 2 heads,
9 sectors of 512 bytes; QEMU 7.2 picks that geometry from the size, hw/block/fdc.c fd_formats) whose
bytes are a function of the sector's C/H/S: byte 0 = C, byte 1 = H, byte 2 = S, byte i (i >= 3) =
(C*31 + H*17 + S*7 + i) mod 256. With "1440k" as the first argument it writes golden/images/fdc-1440k.img,
the 1.44 MB 3.5" format (80 cylinders, 2 heads, 18 sectors) with the same bytes, the size of the null-co
drive of QEMU's tests/qtest/fdc-test. The golden fdc-* traces read them; run from the repository root."""
import sys

if len(sys.argv) > 1 and sys.argv[1] == "1440k":
    CYLINDERS, HEADS, SECTORS, out = 80, 2, 18, "golden/images/fdc-1440k.img"
else:
    CYLINDERS, HEADS, SECTORS = 40, 2, 9
    out = sys.argv[1] if len(sys.argv) > 1 else "golden/images/fdc-360k.img"
with open(out, "wb") as f:
    for c in range(CYLINDERS):
        for h in range(HEADS):
            for s in range(1, SECTORS + 1):
                data = bytearray((c * 31 + h * 17 + s * 7 + i) & 0xff for i in range(512))
                data[0], data[1], data[2] = c, h, s
                f.write(data)
