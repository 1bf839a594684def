#!/bin/sh
# Writes a small raw CD image of N 2048-byte sectors (default 8) to FILE, the same bytes on every run.
# It is not an ISO 9660 file system: each sector is a pattern of its LBA, so a READ(10)/READ(12) answer
# shows which sector it came from. Byte i of sector L (0 <= i < 2048):
#   bytes 0-3: L as a 32-bit big-endian number;
#   bytes 4-2047: (L * 16 + i) mod 256.
# Usage: tools/ide/make-iso.sh FILE [N]
set -eu
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 FILE [SECTORS]" >&2
    exit 2
fi
out=$1
n=${2:-8}
case $n in
    ''|*[!0-9]*) echo "$0: SECTORS must be a whole number, not '$n'" >&2; exit 2 ;;
esac
if [ "$n" -lt 1 ] || [ "$n" -gt 4096 ]; then
    echo "$0: SECTORS must be 1-4096, not $n" >&2
    exit 2
fi
LC_ALL=C python3 - "$out" "$n" <<'PY'
import sys
out, n = sys.argv[1], int(sys.argv[2])
with open(out, "wb") as f:
    for lba in range(n):
        s = bytearray(((lba * 16 + i) & 0xff) for i in range(2048))
        s[0:4] = lba.to_bytes(4, "big")
        f.write(s)
PY
