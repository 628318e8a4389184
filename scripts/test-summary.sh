#!/bin/bash
# test-summary.sh BUILD_DIR
#
# After ctest: lists every skipped test and every skipped part of a test
# (the "SKIP..." lines that tests print) with its reason, from ctest's
# Testing/Temporary/LastTest.log.  Exit 0 when nothing was skipped, or only
# what needs ../shared (the project's reference data, which a plain clone of
# kabi does not have beside it: see the README); exit 1 otherwise, because
# on a machine set up by `make test` itself any other skip means the set-up
# failed to install or download something.
set -euo pipefail

LOG=${1:?usage: test-summary.sh BUILD_DIR}/Testing/Temporary/LastTest.log
[[ -f $LOG ]] || { echo "test-summary: no $LOG (did ctest run?)" >&2; exit 1; }

mapfile -t SKIPS < <(awk '
	/^[0-9]+\/[0-9]+ Test: / { name = $3; next }
	/^SKIP/ { print name ": " $0 }' "$LOG" | sort -u)
((${#SKIPS[@]} == 0)) && { echo "test-summary: nothing skipped"; exit 0; }

bad=0
echo "test-summary: skipped tests and parts of tests, and why:"
for s in "${SKIPS[@]}"; do
	if [[ $s == *"../shared"* ]]; then
		echo "  $s"
	else
		echo "  $s   <- set-up failure"
		bad=$((bad + 1))
	fi
done
if ((bad)); then
	echo "test-summary: $bad skip(s) for a reason other than ../shared being absent: 'make test'"
	echo "  installs and downloads everything else, so this machine's set-up failed (see above)"
	exit 1
fi
echo "test-summary: only tests that need ../shared were skipped (README: 'What the tests read')"
