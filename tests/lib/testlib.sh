# Helpers for the shell tests.  Source it; it sets up $T (a temporary
# directory removed at exit) and counts checks; end with `finish`.
set -u
: "${KABI:?KABI must name the kabi binary}"
T=$(mktemp -d "${TMPDIR:-/tmp}/kabi-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
PASS=0
FAIL=0

ok() {   # ok DESCRIPTION COMMAND...: the command must succeed
	local what=$1; shift
	if "$@"; then PASS=$((PASS + 1)); else FAIL=$((FAIL + 1)); echo "FAIL: $what" >&2; fi
}

eq() {   # eq DESCRIPTION GOT WANT
	if [ "$2" == "$3" ]; then
		PASS=$((PASS + 1))
	else
		FAIL=$((FAIL + 1))
		echo "FAIL: $1" >&2
		diff <(printf '%s\n' "$3") <(printf '%s\n' "$2") | sed 's/^/    /' >&2 || true
	fi
}

exit_code() {   # exit_code CMD...: prints the command's exit status
	local rc=0
	"$@" >/dev/null 2>&1 || rc=$?
	echo $rc
}

skip() {
	echo "SKIP: $*"
	exit 77
}

finish() {
	echo "$PASS passed, $FAIL failed"
	[ "$FAIL" -eq 0 ] && [ "$PASS" -gt 0 ]
	exit $?
}

. "$(dirname "${BASH_SOURCE[0]}")/commit.sh"
