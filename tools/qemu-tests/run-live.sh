#!/usr/bin/env bash
# Runs QEMU's own qtest programs (tests/qtest/*-test of QEMU 7.2, built by tools/qemu-qtest/build.sh)
# against Trapline's models: QTEST_QEMU_BINARY is tools/serve/bin/qemu-system-x86_64, which runs
# `trapline serve`. Prints one Markdown table row per test case:
#   passed | failed (the first message: serve's own sentence, else libqtest's assertion) |
#   not applicable (the reason).
# Each program runs whole first, as QEMU's `make check` runs it (some cases build on the state the
# earlier ones leave); a case the run never reached, because the program aborted before it, then
# runs alone with -p, and its row says "(alone)".
#
# Usage: tools/qemu-tests/run-live.sh [PROGRAM...]   default: rtc-test i440fx-test fdc-test ide-test
# Environment: TRAPLINE_QEMU_TESTS  the folder of the programs (default ~/.cache/trapline/qemu-7.2-qtest/tests)
#              TRAPLINE_JAR         the jar serve runs from (default target/trapline.jar)
#              TRAPLINE_GATE        the programs whose failures make the exit status 1 (default:
#                                   rtc-test i440fx-test fdc-test; ide-test waits for the IDE models)
# Exit status: 0 when no case of a gated program failed; 1 otherwise; 2 when a program is missing.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tests=${TRAPLINE_QEMU_TESTS:-$HOME/.cache/trapline/qemu-7.2-qtest/tests}
gate=" ${TRAPLINE_GATE-rtc-test i440fx-test fdc-test} "
export QTEST_QEMU_BINARY=$root/tools/serve/bin/qemu-system-x86_64
programs=("$@")
[[ ${#programs[@]} -gt 0 ]] || programs=(rtc-test i440fx-test fdc-test ide-test)

# Cases the models cannot answer as QEMU does, with the reason. A case here is never a case to drop:
# each names a device or a backend that is not modelled.
not_applicable() {
  case $1 in
    */i440fx/firmware/pflash) echo "-drive if=pflash: the CFI flash device is not modelled";;
    */ide/flush) echo "holds the flush in QEMU's blkdebug block driver (file=blkdebug::IMG, qemu-io 'break flush_to_os') to see BSY while it runs";;
    */ide/flush/retry_pci) echo "needs QEMU's blkdebug block driver to fail a flush and the VM to stop (rerror=stop)";;
    *) return 1;;
  esac
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
echo "| program | case | result | detail |"
echo "|---|---|---|---|"

# Reads a program's merged output (TAP on stdout, libqtest and serve on stderr) and prints
# "RESULT<TAB>CASE<TAB>DETAIL" per case it reports.
parse() {
  awk '
    function first(msg) { if (detail == "") detail = msg }
    /^trapline serve: / { first(substr($0, 17)); next }
    /^(\*\*|ERROR:|Bail out!)/ && !/^\*\*$/ { sub(/^Bail out! /, ""); first($0); next }
    /^ok [0-9]+ / {
      name = $3
      if ($0 ~ /# SKIP/) { reason = $0; sub(/.*# SKIP */, "", reason); print "skip\t" name "\t" reason }
      else print "pass\t" name "\t"
      detail = ""; next
    }
    /^not ok [0-9]+ / { print "fail\t" $4 "\t" detail; detail = ""; next }
    /^# Start of / || /^# End of / { next }
    END { if (detail != "") print "abort\t\t" detail }
  '
}

row() { # program case result detail
  echo "| $1 | $2 | $3 | ${4//|/\\|} |"
}

for prog in "${programs[@]}"; do
  bin=$tests/$prog
  if [[ ! -x $bin ]]; then
    echo "run-live: no $bin (tools/qemu-qtest/build.sh builds it)" >&2
    exit 2
  fi
  start=$(date +%s.%N)
  (cd "$work" && timeout 600 "$bin" -l 2>/dev/null) | grep '^/' > "$work/$prog.cases" || true
  (cd "$work" && timeout 600 "$bin" --keep-going 2>&1) | parse > "$work/$prog.results"
  abort=$(awk -F'\t' '$1 == "abort" { print $3 }' "$work/$prog.results")
  while read -r case; do
    [[ -n $case ]] || continue
    line=$(awk -F'\t' -v c="$case" '$2 == c' "$work/$prog.results" | head -1)
    alone=""
    if [[ -z $line ]]; then
      # The whole run aborted before this case: run it alone.
      line=$( (cd "$work" && timeout 300 "$bin" -p "$case" 2>&1) | parse | awk -F'\t' -v c="$case" '$2 == c || $1 == "abort"' | head -1)
      alone=" (alone)"
      [[ -n $line ]] || line="fail	$case	${abort:-the program ended without reporting the case}"
    fi
    result=${line%%	*}
    detail=${line#*	*	}
    [[ $detail == "$line" ]] && detail=""
    if reason=$(not_applicable "$case"); then
      if [[ $result == pass ]]; then
        row "$prog" "$case" "passed$alone" "listed as not applicable, yet passes: $reason"
      else
        row "$prog" "$case" "not applicable" "$reason"
      fi
      continue
    fi
    case $result in
      pass) row "$prog" "$case" "passed$alone" "";;
      skip) row "$prog" "$case" "not applicable" "the program skips it: $detail";;
      *) row "$prog" "$case" "failed$alone" "$detail"
         [[ $gate == *" $prog "* ]] && status=1;;
    esac
  done < "$work/$prog.cases"
  if [[ ! -s $work/$prog.cases ]]; then
    row "$prog" "(all)" "failed" "the program listed no cases"
    [[ $gate == *" $prog "* ]] && status=1
  fi
  printf 'run-live: %s in %.1f s\n' "$prog" "$(echo "$(date +%s.%N) - $start" | bc)" >&2
done
exit $status
