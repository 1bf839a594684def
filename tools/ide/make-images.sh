#!/bin/sh
# Makes the small raw images the IDE golden traces were recorded with: disk8k.img, 16 sectors, each byte
# (7 * LBA + offset) mod 256, so every sector shows where it came from. Deterministic; needs only python3.
set -eu
out=${1:-golden/images}
mkdir -p "$out"
python3 - "$out" <<'PY'
import sys
with open(sys.argv[1] + "/disk8k.img", "wb") as f:
    for lba in range(16):
        f.write(bytes((lba * 7 + i) & 0xff for i in range(512)))
PY
