#!/usr/bin/env bash
# Keeps the PIT history of a full mutation run for the next runs: target/pit-history.bin, written by
# `mvn verify`, compressed into .pit/history.bin.xz (committed; .ci/run unpacks it to .pit/history.bin,
# which pom.xml gives PIT as historyInputFile). Run it after a verify of the commit the history is for.
set -euo pipefail
cd "$(dirname "$0")/../.."
test -s target/pit-history.bin || { echo "save.sh: no target/pit-history.bin: run mvn -B verify first" >&2; exit 2; }
mkdir -p .pit
xz -9 -c target/pit-history.bin > .pit/history.bin.xz
echo "$(wc -c < target/pit-history.bin) bytes of history, $(wc -c < .pit/history.bin.xz) compressed, in .pit/history.bin.xz"
