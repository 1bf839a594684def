#!/usr/bin/env bash
# Lockstep (and pipelined) qtest commands per second: trapline serve against the clock-driven QEMU,
# side by side in one run, both started as libqtest starts QEMU (src/test/java/org/trapline/serve/ServeSpeed.java).
# Usage: tools/serve/speed.sh [N] [ROUNDS]     needs mvn package test-compile, and tools/qemu-qtest/build.sh's QEMU
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
qemu=${TRAPLINE_QEMU_QTEST:-$HOME/.cache/trapline/qemu-7.2-qtest/bin/qemu-system-x86_64}
exec java -cp "$root/target/test-classes:$root/target/classes" org.trapline.serve.ServeSpeed \
  "$qemu" "$root/tools/serve/bin/qemu-system-x86_64" "${1:-100000}" "${2:-3}"
