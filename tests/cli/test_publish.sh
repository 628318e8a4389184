#!/bin/bash
# kabi publish: the published directory has the read-only catalog and its
# schema doc, every export of every ABI at the newest release (the same bytes
# as 'kabi export'), and a site whose every page is valid HTML with no dead
# internal link; a non-empty DIR is refused without --force, and nothing is
# ever written outside DIR (links planted in DIR, names that are paths).
# The browser half is test_publish_browser.sh.
. "$(dirname "${BASH_SOURCE[0]}")/../lib/testlib.sh"

# check_links DIR: prints every relative href/src of DIR's pages whose
# target file does not exist ("page -> target"); fragments and queries are
# dropped, each target is tested once.
check_links() {
	(cd "$1" && grep -r -o -E --include='*.html' '(href|src)="[^"]*"' . |
		sed -E 's/:(href|src)="/ /; s/"$//; s/[#?].*$//' |
		awk '$2 != "" && $2 !~ /^(https?|mailto|data|javascript):/ {
			d = $1; sub(/\/[^\/]*$/, "", d); t = d "/" $2
			if (!seen[t]++) print $1, t }' |
		while read -r page target; do
			[ -e "$target" ] || echo "${page#./} -> ${target#./}"
		done)
}
# check_html DIR: xmllint's complaints about any page.
check_html() {
	find "$1" -name '*.html' -print0 | xargs -0 xmllint --html --noout 2>&1
}

# test_publish_real.sh sources this file for the two checks above.
[ -n "${PUBLISH_LIB_ONLY:-}" ] && return 0

bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
"$KABI" harvest "$T/repo" --db "$T/k.db" 2>/dev/null
export KABI_DB="$T/k.db"
S="$T/site"

"$KABI" publish "$S" >"$T/out" 2>"$T/err"
eq "publish exits 0" "$?" 0
ok "says where to open it" grep -q "open $S/index.html" "$T/out"
eq "publish prints only its progress on stderr" "$(grep -v '^kabi: \(exports\|pages\): ' "$T/err")" ""

# The catalog, read-only, and its documentation.
ok "kabi.db is there" test -f "$S/kabi.db"
eq "kabi.db is read-only" "$(stat -c %a "$S/kabi.db")" 444
eq "kabi.db holds the catalog" "$(sqlite3 "$S/kabi.db" "SELECT count(*) FROM span; SELECT count(*) FROM event")" \
	"$(sqlite3 "$T/k.db" "SELECT count(*) FROM span; SELECT count(*) FROM event")"
eq "kabi reads the published catalog" "$("$KABI" table --db "$S/kabi.db" --abi x86_64 --at v5.10 --format csv)" \
	"$("$KABI" table --abi x86_64 --at v5.10 --format csv)"
ok "schema.md beside it" cmp -s "$S/schema.md" "$KABI_SRC/docs/schema.md"
eq "the harvest keeps its scan view" "$(sqlite3 "$T/k.db" "SELECT count(*) FROM scan_view")" 1
eq "the published catalog does not" "$(sqlite3 "$S/kabi.db" "SELECT count(*) FROM scan_view")" 0

# Every export, as 'kabi export' writes it.
for abi in i386 x32 x86_64; do
	for f in json:json csv:csv c-header:h gdb-xml:xml; do
		eq "export/${f%%:*}/$abi" "$(cat "$S/export/${f%%:*}/$abi.${f#*:}")" \
			"$("$KABI" export --format "${f%%:*}" --abi "$abi")"
	done
done
eq "export/seccomp-csv/syscalls.csv" "$(cat "$S/export/seccomp-csv/syscalls.csv")" \
	"$("$KABI" export --format seccomp-csv)"

# The site: pages for every ABI, syscall and release, valid, linked.
for p in index.html syscalls.html style.css kabi.js data/search.js data/releases.js abi/x86_64.html \
	abi/x32.html abi/i386.html data/abi-x86_64.js syscall/clone3.html syscall/_sysctl.html diff/v5.9.html \
	diff/v4.0.html; do
	ok "site has $p" test -s "$S/$p"
done
eq "one page per syscall" "$(ls "$S/syscall" | wc -l)" "$(sqlite3 "$T/k.db" "SELECT count(DISTINCT syscall_id) FROM span")"
eq "one diff page per release after the first" "$(ls "$S/diff" | wc -l)" "$(($(sqlite3 "$T/k.db" "SELECT count(*) FROM release") - 1))"
eq "every page is valid HTML" "$(check_html "$S")" ""
eq "no dead internal links" "$(check_links "$S")" ""
ok "a viewport for phones" grep -q '<meta name="viewport" content="width=device-width, initial-scale=1">' "$S/index.html"
ok "no external assets" bash -c "! grep -rlE '(src|href)=\"(https?:)?//' '$S' --include='*.html'"
ok "the syscall page shows its history" grep -q 'v5.9' "$S/syscall/clone3.html"
ok "the syscall page lists every ABI" bash -c "grep -q 'abi/x86_64.html' '$S/syscall/read.html' && grep -q 'abi/i386.html' '$S/syscall/read.html'"
eq "the summary's anchors exist" "$(grep -o 'href="#[^"]*"' "$S/syscall/read.html" | sed 's/href="#//; s/"//' | sort)" \
	"$(grep -o 'id="abi-[^"]*"' "$S/syscall/read.html" | sed 's/id="//; s/"//' | sort)"
ok "the summary knows read is on 3 ABIs now" grep -q 'On 3 of 3 ABIs at the newest release' "$S/syscall/read.html"
ok "the uselib page shows its removal" grep -q '>removed<' "$S/syscall/uselib.html"
ok "the diff page shows clone3 added" bash -c "grep -q 'syscall/clone3.html' '$S/diff/v5.9.html' && grep -q '>added<' '$S/diff/v5.9.html'"
ok "the renumbering of io_setup on x32" grep -q 'number 1073742030 -&gt; 1073742367' "$S/diff/v4.17.html"
# Events read as the reader words them (kabi_cat_event_describe, db/read.h):
# an unimplemented syscall names its entries, not its number.
for page in diff/v5.9.html syscall/_sysctl.html; do
	ok "$page: _sysctl's unimplemented event names the entries" \
		grep -q '<td>entry sys_sysctl -&gt; sys_ni_syscall</td>' "$S/$page"
done
# A diff page lists its events by ABI, kind, then syscall name: the
# catalog's own order, asked of SQLite here, is the oracle.
diff_rows() { # page -> "abi kind syscall" per event row
	tr -d '\n' <"$1" | grep -o '<tr class="[a-z_]*"><td><a href="../abi/[^"]*">[^<]*</a></td><td><a href="../syscall/[^"]*">[^<]*' |
		sed -E 's/^<tr class="([^"]*)"><td><a [^>]*>([^<]*)<.*>([^>]*)$/\2 \1 \3/'
}
eq "the v5.9 diff page lists events by ABI, kind, then name" "$(diff_rows "$S/diff/v5.9.html")" \
	"$(sqlite3 -separator ' ' "$T/k.db" "SELECT a.name, e.kind, s.name FROM event e JOIN abi a ON a.id = e.abi_id
		JOIN syscall s ON s.id = e.syscall_id JOIN release r ON r.ord = e.ord WHERE r.name = 'v5.9'
		ORDER BY a.id, e.kind, s.name")"
# The matrix page: a row per syscall, a column per ABI, the cells of
# `kabi matrix --abi all` (one rule, query/matrix.c); clone3 came to x86_64
# in v5.9, after v4.17, which the fixture has (releases between lacking:
# '<='), and never to i386 (the fixture's header).
matrix_row() { # NAME -> the cells of its row on matrix.html, comma-separated
	tr -d '\n' <"$S/matrix.html" | grep -o "<th><a href=\"syscall/$1.html\">$1</a></th>\(<td[^>]*>[^<]*</td>\)*" |
		sed -E 's/<th>.*<\/th>//; s/<td[^>]*>//g; s/<\/td>/,/g; s/,$//; s/&lt;/</g'
}
ok "site has matrix.html, linked from the index" grep -q 'href="matrix.html"' "$S/index.html"
eq "matrix page: clone3 on x86_64, x32, i386" "$(matrix_row clone3)" "<=v5.9,<=v5.9,never"
for sc in read _sysctl uselib io_setup; do
	eq "matrix page: $sc as kabi matrix says" "$(matrix_row "$sc")" \
		"$("$KABI" matrix "$sc" --abi all --format csv | tail -1 | cut -d, -f2-)"
done
ok "search data knows clone3's number" grep -q '\["clone3",\[\["x86_64",435,435\]' "$S/data/search.js"
ok "the ABI page has a release selector" grep -q '<select id="rel">' "$S/abi/x86_64.html"
if have node; then
	ok "the JavaScript parses" node --check "$S/kabi.js"
	for js in "$S"/data/*.js; do ok "$(basename "$js") parses" node --check "$js"; done
else
	skip_part "no node (Debian: nodejs): the site's JavaScript is not parsed"
fi

# A non-empty directory is refused unless --force; --force rewrites.
eq "non-empty DIR: exit 2" "$(exit_code "$KABI" publish "$S")" 2
ok "non-empty DIR: says so" bash -c "'$KABI' publish '$S' 2>&1 | grep -q 'is not empty (use --force'"
mkdir "$T/other" && echo keep >"$T/other/mine.txt"
eq "a directory with a file: exit 2" "$(exit_code "$KABI" publish "$T/other")" 2
eq "--force publishes into it" "$(exit_code "$KABI" publish "$T/other" --force)" 0
eq "--force leaves other files alone" "$(cat "$T/other/mine.txt")" keep
eq "--force over a published site" "$(exit_code "$KABI" publish "$S" --force)" 0
eq "the catalog copy stays read-only" "$(stat -c %a "$S/kabi.db")" 444
eq "publish without DIR: exit 2" "$(exit_code "$KABI" publish)" 2
eq "publish with no catalog: exit 2" "$(exit_code "$KABI" publish "$T/none" --db "$T/no.db")" 2

# Never outside DIR: a link planted where a page goes is not followed ...
mkdir "$T/trap" && echo precious >"$T/outside.html"
ln -s "$T/outside.html" "$T/trap/index.html"
"$KABI" publish "$T/trap" --force >/dev/null 2>"$T/trap.err"
ok "a planted link makes publish fail" test $? -ne 0
eq "... and the file it points to is untouched" "$(cat "$T/outside.html")" precious
mkdir -p "$T/trap2/elsewhere" && ln -s "$T/trap2/elsewhere" "$T/trap2-abi" && mkdir "$T/trap3"
ln -s "$T/trap2/elsewhere" "$T/trap3/abi"
eq "a planted directory link: publish fails" "$(exit_code "$KABI" publish "$T/trap3" --force)" 2
eq "... and nothing was written through it" "$(ls "$T/trap2/elsewhere" | wc -l)" 0

# ... and names from the catalog never become paths.
cp "$T/k.db" "$T/evil.db"
sqlite3 "$T/evil.db" "UPDATE syscall SET name = '../../escaped' WHERE name = 'read';
	UPDATE syscall SET name = '..' WHERE name = 'write'; UPDATE syscall SET name = 'a/b' WHERE name = 'open'"
"$KABI" publish "$T/evil" --db "$T/evil.db" >/dev/null 2>"$T/evil.err"
eq "unsafe names: publish still succeeds" "$?" 0
ok "unsafe names: reported" grep -q '3 syscall names are not plain file names' "$T/evil.err"
ok "nothing escaped" test ! -e "$T/escaped.html" -a ! -e "$T/evil/escaped.html" -a ! -e "$T/evil/syscall/a"
eq "unsafe names: still no dead links" "$(check_links "$T/evil")" ""
eq "unsafe names: still valid HTML" "$(check_html "$T/evil")" ""
eq "everything stayed inside" "$(find "$T" -mindepth 1 -newer "$T/evil.db" -not -path "$T/evil*" -not -path "$T/evil.err" | wc -l)" 0
finish
