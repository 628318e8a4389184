#!/bin/bash
# The C sources are formatted by the project's .clang-format (kernel-like:
# tabs, 100 columns), data tables fenced off with "clang-format off".  Formats
# differ between clang-format releases: this checks with Debian 12's, 14.
. "$(dirname "$0")/../lib/testlib.sh"
cd "$KABI_SRC" || exit 1
have clang-format || skip "no clang-format (Debian: clang-format; make test installs it)"
v=$(clang-format --version | sed -n 's/.*version \([0-9]*\)\..*/\1/p')
[ "$v" = 14 ] || skip "clang-format $v here; the sources are formatted with Debian 12's 14"
bad=
for f in base/*.[ch] db/*.[ch] harvest/*.[ch] query/*.[ch] tests/unit/*.[ch] tests/fuzz/*.c tests/tools/*.c bench/*.c; do
	clang-format "$f" | cmp -s - "$f" || bad="$bad $f"
done
eq "every C file is as clang-format writes it (run: clang-format -i FILE)" "$bad" ""
# The test can fail: a file with a space-indented line is found.
printf 'int f(void)\n{\n    return 0;\n}\n' >"$T/x.c"
cp .clang-format "$T/"
ok "a misformatted file is found" bash -c "! (cd '$T' && clang-format x.c | cmp -s - x.c)"
finish
