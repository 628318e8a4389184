# Helpers for the shell tests.  Source it; it sets up $T (a temporary
# directory removed at exit) and counts checks; end with `finish`.
set -u
: "${KABI:?KABI must name the kabi binary}"
T=$(mktemp -d "${TMPDIR:-/tmp}/kabi-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
PASS=0
FAIL=0
SKIPPED=0

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

skip() {   # skip REASON: the whole test cannot run here (ctest: skipped)
	echo "SKIP: $*"
	exit 77
}

# debian_db DEST: DEST becomes the catalog of Debian's 6.1/6.12 repository
# (KABI_DEBIAN_REPO): a copy of the one ctest's setup/debian_catalog fixture
# harvested for every test (KABI_DEBIAN_DB), or harvested here when the test
# runs alone.  Returns the harvest's status (1 without KABI_DEBIAN_REPO).
debian_db() {
	if [ -n "${KABI_DEBIAN_DB:-}" ] && [ -s "$KABI_DEBIAN_DB" ]; then
		cp "$KABI_DEBIAN_DB" "$1"
	elif [ -n "${KABI_DEBIAN_REPO:-}" ]; then
		"$KABI" harvest "$KABI_DEBIAN_REPO" --db "$1" 2>/dev/null
	else
		return 1
	fi
}

skip_part() {   # skip_part REASON: a part of the test cannot run here
	echo "SKIP (part): $*"
	SKIPPED=$((SKIPPED + 1))
}

have() {   # have COMMAND: the command is on PATH
	command -v "$1" >/dev/null
}

# links CC: the compiler builds and links a C program that includes
# <sys/syscall.h> (a cross compiler without its C library or kernel headers
# does not); prints nothing, sets LINK_ERR to the compiler's last line.
links() {
	local cc=$1 d
	d=$(mktemp -d "$T/links.XXXXXX")
	printf '#include <sys/syscall.h>\nint main(void) { return SYS_read; }\n' >"$d/t.c"
	if "$cc" -o "$d/t" "$d/t.c" >"$d/err" 2>&1; then return 0; fi
	LINK_ERR="$cc cannot build a program: $(tail -n1 "$d/err")"
	return 1
}

# playwright_ready: headless Chromium can be driven by tests/browser/site.js
# (Debian's chromium, node, and playwright-core from npm at the version
# pinned in tests/browser/package.json, installed once per build tree).
# Sets NODE_PATH and CHROMIUM; returns 1 with the reason in PLAYWRIGHT_WHY.
playwright_ready() {
	local dir="${KABI_BUILD:-$T}/test-output/node"
	CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
	if [ ! -x "$CHROMIUM" ]; then
		PLAYWRIGHT_WHY="no chromium (apt-get install chromium, or scripts/install-deps.sh --test)"
		return 1
	fi
	if ! have node || ! have npm; then
		PLAYWRIGHT_WHY="no node or npm (to install playwright-core)"
		return 1
	fi
	mkdir -p "$dir"
	if ! cmp -s "$KABI_SRC/tests/browser/package.json" "$dir/package.json" ||
		[ ! -d "$dir/node_modules/playwright-core" ]; then
		rm -rf "$dir/node_modules"
		cp "$KABI_SRC/tests/browser/package.json" "$dir/package.json"
		if ! (cd "$dir" && npm install --no-audit --no-fund --no-package-lock --silent >"$T/npm.log" 2>&1); then
			PLAYWRIGHT_WHY="cannot install playwright-core from npm: $(tail -1 "$T/npm.log")"
			rm -f "$dir/package.json"
			return 1
		fi
	fi
	export NODE_PATH="$dir/node_modules" CHROMIUM
}

finish() {
	echo "$PASS passed, $FAIL failed"
	# nothing ran because every part was skipped: a skip, not a pass or a failure
	[ "$FAIL" -eq 0 ] && [ "$PASS" -eq 0 ] && [ "$SKIPPED" -gt 0 ] && exit 77
	[ "$FAIL" -eq 0 ] && [ "$PASS" -gt 0 ]
	exit $?
}

. "$(dirname "${BASH_SOURCE[0]}")/commit.sh"
