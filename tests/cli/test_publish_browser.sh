#!/bin/bash
# The published site in a real browser: Debian's chromium, driven headless by
# tests/browser/site.js (playwright-core from npm, run with the system
# Chromium).  Publishes the fixture catalog and, when KABI_DEBIAN_REPO is
# set, the real Debian 6.1/6.12 catalog; loads the index, uses the search,
# follows links, changes releases, and fails on console errors.  Screenshots
# are kept in $KABI_BUILD/test-output/browser/.  Skips, saying why, when
# chromium, node or playwright-core is not available.
. "$(dirname "$0")/../lib/testlib.sh"
playwright_ready || skip "$PLAYWRIGHT_WHY"
OUT="${KABI_BUILD:-$T}/test-output/browser"
mkdir -p "$OUT"

bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
"$KABI" harvest "$T/repo" --db "$T/k.db" 2>/dev/null
rm -rf "$OUT/fixture" "$OUT/fixture-site"
mkdir -p "$OUT/fixture"
"$KABI" publish "$OUT/fixture-site" --db "$T/k.db" >/dev/null
eq "fixture: publish" "$?" 0
node "$KABI_SRC/tests/browser/site.js" "$OUT/fixture-site" "$OUT/fixture" clone3 x86_64 >"$T/fixture.log" 2>&1
eq "fixture: browser session passes" "$?" 0
sed 's/^/    fixture: /' "$T/fixture.log"
ok "fixture: screenshot of the index" test -s "$OUT/fixture/index.png"
ok "fixture: screenshot of a syscall page" test -s "$OUT/fixture/syscall.png"

if [ -n "${KABI_DEBIAN_REPO:-}" ] && [ -d "$KABI_DEBIAN_REPO" ]; then
	debian_db "$T/deb.db"
	rm -rf "$OUT/debian" "$OUT/debian-site"
	mkdir -p "$OUT/debian"
	"$KABI" publish "$OUT/debian-site" --db "$T/deb.db" >/dev/null
	eq "debian: publish" "$?" 0
	node "$KABI_SRC/tests/browser/site.js" "$OUT/debian-site" "$OUT/debian" openat2 x86_64 >"$T/debian.log" 2>&1
	eq "debian: browser session passes" "$?" 0
	sed 's/^/    debian: /' "$T/debian.log"
	ok "debian: screenshot of the index" test -s "$OUT/debian/index.png"
	ok "debian: screenshot of a syscall page" test -s "$OUT/debian/syscall.png"
else
	skip_part "KABI_DEBIAN_REPO is not set: only the fixture site was driven"
fi
echo "screenshots: $OUT"
finish
