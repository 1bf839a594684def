#!/usr/bin/env bash
# Builds and caches a QEMU 7.2 whose virtual clock the qtest client drives.
#
# Debian's qemu-system-x86 is built without the qtest accelerator, so `clock_step` and
# `clock_set` answer "FAIL Unknown command" there. This script compiles the same QEMU from
# Debian's own source package (x86_64 system emulator only, TCG plus qtest), installs it under
# DIR and prints the path of a wrapper that adds the firmware search paths. Start it with
# `-accel qtest` in place of `-S`.
#
# The same tree and configure also build QEMU's own qtest programs for the devices Trapline
# models (tests/qtest/rtc-test, i440fx-test, fdc-test, ide-test), installed as DIR/tests/NAME:
# tools/qemu-tests/run-live.sh runs them against `trapline serve`.
#
# Usage: tools/qemu-qtest/build.sh [DIR]      DIR defaults to $TRAPLINE_QEMU_CACHE, else
#                                             ~/.cache/trapline/qemu-7.2-qtest
# Idempotent: when DIR already holds a build that answers `clock_step 1` with `OK 1` and the test
# programs, each of which runs (--help), it only prints the path. A fresh build takes about 8
# minutes on 2 cores (apt included) and needs root for apt-get.
set -euo pipefail
dir=${1:-${TRAPLINE_QEMU_CACHE:-$HOME/.cache/trapline/qemu-7.2-qtest}}
wrapper=$dir/bin/qemu-system-x86_64
# QEMU's qtest programs of the devices the models cover, built from the same tree.
test_programs=(rtc-test i440fx-test fdc-test ide-test)

has_test_programs() {
  local t
  for t in "${test_programs[@]}"; do
    # --help ends in g_test_init, before a program's main starts QEMU
    [[ -x $dir/tests/$t ]] && "$dir/tests/$t" --help >/dev/null 2>&1 || return 1
  done
}

answers_clock_step() {
  [[ -x $wrapper ]] || return 1
  local out
  # QEMU keeps running after its input ends; timeout ends it.
  out=$(printf 'clock_step 1\n' | timeout 20 "$wrapper" -accel qtest -machine pc -nodefaults \
    -display none -qtest stdio 2>/dev/null || true)
  [[ $out == *"OK 1"* ]] || return 1
  # Debian's QEMU has TPM support, which adds etc/tpm/log to fw_cfg; a build without it
  # (tools/qemu-qtest/build.sh before 2026-12-07) gives the guest another file directory.
  out=$("$wrapper" -tpmdev help 2>&1 || true)
  [[ $out == *emulator* ]]
}

if answers_clock_step && has_test_programs; then
  echo "$wrapper"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
# The features that change what a guest sees are enabled as in Debian's build: TPM (fw_cfg's
# etc/tpm/log). Source packages come from the same mirror as the binary ones; enable deb-src once.
if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ /etc/apt/sources.list 2>/dev/null; then
  if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
      > /etc/apt/sources.list.d/trapline-deb-src.sources
  else
    sed -n 's/^deb /deb-src /p' /etc/apt/sources.list > /etc/apt/sources.list.d/trapline-deb-src.list
  fi
fi
echo "qemu-qtest: installing the build dependencies" >&2
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends dpkg-dev gcc libc6-dev ninja-build meson pkg-config \
  flex bison python3 libglib2.0-dev libpixman-1-dev libfdt-dev zlib1g-dev seabios qemu-system-data >&2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "qemu-qtest: fetching Debian's qemu source package" >&2
(cd "$work" && apt-get source -qq qemu >&2)
src=$(find "$work" -maxdepth 1 -type d -name 'qemu-*' | head -1)
[[ -n $src ]] || { echo "qemu-qtest: apt-get source qemu gave no source tree" >&2; exit 1; }

echo "qemu-qtest: compiling $(basename "$src") (x86_64-softmmu, tcg + qtest)" >&2
mkdir -p "$src/build"
(cd "$src/build" \
  && ../configure --meson=/usr/bin/meson --target-list=x86_64-softmmu --without-default-features \
       --enable-tcg --enable-fdt=system --enable-tpm --disable-docs --disable-werror >&2 \
  && ninja -j"$(nproc)" qemu-system-x86_64 "${test_programs[@]/#/tests/qtest/}" >&2)

mkdir -p "$dir/bin"
install -m 755 "$src/build/qemu-system-x86_64" "$dir/qemu-system-x86_64.real"
cat > "$wrapper" <<WRAPPER
#!/bin/sh
# QEMU 7.2 with the qtest accelerator, built by tools/qemu-qtest/build.sh from Debian's source.
exec "$dir/qemu-system-x86_64.real" -L /usr/share/seabios -L /usr/share/qemu "\$@"
WRAPPER
chmod 755 "$wrapper"
mkdir -p "$dir/tests"
for t in "${test_programs[@]}"; do
  install -m 755 "$src/build/tests/qtest/$t" "$dir/tests/$t"
done
has_test_programs || { echo "qemu-qtest: a test program does not run" >&2; exit 1; }
answers_clock_step || { echo "qemu-qtest: the build does not answer clock_step 1 with OK 1" >&2; exit 1; }
echo "$wrapper"
