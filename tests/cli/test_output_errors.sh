#!/bin/bash
# An answer that cannot be written is an error: a full device or a closed
# pipe on stdout exits 2 with one line that says so, never 0.
. "$(dirname "$0")/../lib/testlib.sh"
[ -w /dev/full ] || skip "no /dev/full here"
bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
"$KABI" harvest "$T/repo" --db "$T/k.db" --quiet
for cmd in "versions" "abis" "show clone3" "table --abi x86_64 --at v5.10" "diff v4.0 v5.10" \
	"export --format json --abi x86_64 --at v5.10" "check --kernel v5.10 --abi x86_64 openat" "--help"; do
	# shellcheck disable=SC2086
	"$KABI" $cmd --db "$T/k.db" >/dev/full 2>"$T/err"
	rc=$?
	[ "$cmd" = --help ] && { "$KABI" --help >/dev/full 2>"$T/err"; rc=$?; }
	eq "$cmd > /dev/full: exit 2" "$rc" 2
	ok "$cmd > /dev/full: says it cannot write" grep -q "^kabi: cannot write the output: No space left on device" "$T/err"
done
# The same answer to a working stdout still exits 0.
"$KABI" versions --db "$T/k.db" >"$T/out"
eq "versions to a file: exit 0" "$?" 0
ok "versions to a file: written" test -s "$T/out"
finish
