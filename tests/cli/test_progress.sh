#!/bin/bash
# Progress of harvest and publish on stderr: plain lines on a file (each
# phase's start and end, in order, counts reaching the totals the catalog
# and the site confirm, in-between lines at least a second apart), a bar on
# a terminal (a pty from script(1): redrawn with \r, an ETA, erased before
# the notes and the summary), and --quiet, --progress=none|plain|bar.
. "$(dirname "$0")/../lib/testlib.sh"
bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null

# render FILE: what a terminal shows after FILE's bytes: each \r goes back to
# the margin and what follows overwrites; trailing blanks and empty lines
# dropped (a tty writes \n as \r\n, which renders the same).
render() {
	awk '{
		out = ""; col = 0; n = length($0)
		for (i = 1; i <= n; i++) {
			c = substr($0, i, 1)
			if (c == "\r") { col = 0; continue }
			out = substr(out, 1, col) c substr(out, col + 2); col++
		}
		sub(/ +$/, "", out)
		if (out != "") print out
	}' "$1"
}
# elapsed_ok FILE PHASE: the in-between lines of PHASE are a second or more
# apart, the first a second or more after the start; prints the offenders.
elapsed_ok() {
	sed -n "s/^kabi: $2: [0-9]*\/[0-9]* [a-z]*\(, [0-9]* commits\)*, \([0-9.]*\) s.*/\2/p" "$1" |
		awk '{ if ($1 - last < 1.0) print "line at " $1 " s after " last " s"; last = $1 }'
}

# ---- harvest, stderr to a file: plain lines ----
"$KABI" harvest "$T/repo" --db "$T/a.db" >"$T/out" 2>"$T/err"
eq "harvest exits 0" "$?" 0
eq "nothing on stdout" "$(cat "$T/out")" ""
eq "the phases start and end in order" "$(sed -n 's/^kabi: \([a-z]*\): \(started\|done\).*/\1 \2/p' "$T/err")" \
	"tables started
tables done
signatures started
signatures done
attribution started
attribution done"
rels=$(sqlite3 "$T/a.db" "SELECT count(*) FROM release")
ranges=$(sqlite3 "$T/a.db" "SELECT count(*) FROM (SELECT DISTINCT ord, prev_ord FROM event)")
ok "the fixture has releases and ranges with events" test "$rels" -gt 1 -a "$ranges" -gt 1
ok "tables: every release read" grep -qx "kabi: tables: started ($rels releases)" "$T/err"
ok "tables: the count reaches the total" grep -q "^kabi: tables: done, $rels/$rels releases in [0-9.]* s$" "$T/err"
ok "signatures: the count reaches the total" \
	grep -q "^kabi: signatures: done, $rels/$rels releases in [0-9.]* s$" "$T/err"
ok "attribution: one range per release pair with events" \
	grep -qx "kabi: attribution: started ($ranges ranges)" "$T/err"
commits=$(sed -n "s/^kabi: attribution: done, $ranges\/$ranges ranges, \([0-9]*\) commits in [0-9.]* s$/\1/p" "$T/err")
ok "attribution: the count reaches the total, with the commits walked" test -n "$commits"
ok "attribution: between 1 commit and all of them walked ($commits)" \
	test "${commits:-0}" -ge 1 -a "${commits:-0}" -le "$(git -C "$T/repo" rev-list --all | wc -l)"
eq "no carriage returns on a file" "$(tr -cd '\r' <"$T/err" | wc -c)" 0
ok "the notes are still there" grep -q "^kabi: note: v5.9: .*(line skipped)$" "$T/err"
ok "and the summary, last" bash -c "tail -n 1 '$T/err' | grep -q '^kabi: harvested $rels new releases into'"
grep -v '^kabi: \(tables\|signatures\|attribution\): ' "$T/err" | sed "s|$T/a.db|DB|" >"$T/quiet-view"

# In-between lines: a slow harvest (the test hook pauses 300 ms a step) has
# some, at least a second apart; a fast one has none.
eq "a fast harvest: only starts and ends" "$(grep -c '^kabi: [a-z]*: [0-9]*/' "$T/err")" 0
KABI_TEST_HARVEST_DELAY_MS=300 "$KABI" harvest "$T/repo" --db "$T/slow.db" 2>"$T/slow"
eq "slow harvest exits 0" "$?" 0
ok "slow tables: an in-between line" grep -q "^kabi: tables: [0-9]*/$rels releases, [0-9.]* s" "$T/slow"
ok "slow signatures: an in-between line" grep -q "^kabi: signatures: [0-9]*/$rels releases, [0-9.]* s" "$T/slow"
for phase in tables signatures attribution; do
	eq "slow $phase: in-between lines a second apart" "$(elapsed_ok "$T/slow" $phase)" ""
done
ok "slow: an ETA in the in-between lines" grep -q ", ETA [0-9]*:[0-9][0-9]$" "$T/slow"

# ---- --quiet, --progress ----
"$KABI" harvest "$T/repo" --db "$T/q.db" --quiet >"$T/out" 2>"$T/err"
eq "--quiet: exit 0" "$?" 0
eq "--quiet: nothing on stderr" "$(cat "$T/err")" ""
eq "--quiet: nothing on stdout" "$(cat "$T/out")" ""
eq "--quiet: the catalog is written" "$(sqlite3 "$T/q.db" "SELECT count(*) FROM release")" "$rels"

"$KABI" harvest "$T/repo" --db "$T/n.db" --progress=none 2>"$T/err"
eq "--progress=none: exit 0" "$?" 0
eq "--progress=none: the notes and the summary, no progress" "$(sed "s|$T/n.db|DB|" "$T/err")" "$(cat "$T/quiet-view")"

"$KABI" harvest "$T/repo" --db "$T/p.db" --progress plain 2>"$T/err"
eq "--progress plain (two words): the same phases" "$(grep -c '^kabi: [a-z]*: \(started\|done\)' "$T/err")" 6

"$KABI" harvest "$T/repo" --db "$T/b.db" --progress=bar 2>"$T/err"
eq "--progress=bar on a file: exit 0" "$?" 0
ok "--progress=bar on a file: a bar, redrawn with \\r" grep -q $'\rkabi: tables \\[' "$T/err"
eq "--progress=bar on a file: no plain lines" "$(grep -c '^kabi: [a-z]*: \(started\|done\)' "$T/err")" 0

for bad in bogus "" Bar; do
	"$KABI" harvest "$T/repo" --db "$T/x.db" --progress="$bad" >/dev/null 2>"$T/err"
	eq "--progress='$bad': exit 2" "$?" 2
	ok "--progress='$bad': says why, with the usage" \
		bash -c "grep -q \"unknown progress '$bad'\" '$T/err' && grep -q '^usage: kabi harvest' '$T/err'"
done
eq "--progress without a value: exit 2" "$(exit_code "$KABI" harvest "$T/repo" --db "$T/x.db" --progress)" 2
ok "a usage error writes no catalog" test ! -e "$T/x.db"

# ---- harvest on a terminal: the bar ----
if ! command -v script >/dev/null; then
	echo "SKIP: no script(1) (util-linux): the terminal checks"
else
	KABI_TEST_HARVEST_DELAY_MS=150 script -qfec "'$KABI' harvest '$T/repo' --db '$T/t.db'" /dev/null \
		>"$T/tty" 2>&1 </dev/null
	eq "on a tty: exit 0" "$?" 0
	eq "on a tty: the bars, phase by phase" \
		"$(grep -a -o $'\rkabi: [a-z]* \\[' "$T/tty" | tr -d '\r[ ' | uniq)" "kabi:tables
kabi:signatures
kabi:attribution"
	ok "on a tty: the bar is redrawn (more than once a phase)" \
		test "$(grep -a -o $'\rkabi: signatures \\[' "$T/tty" | wc -l)" -ge 2
	ok "on a tty: the bar counts releases" grep -a -q "\] [0-9]*/$rels releases" "$T/tty"
	ok "on a tty: an ETA" grep -a -q "\] [0-9]*/[0-9]* [a-z]*\(, [0-9]* commits\)*, ETA [0-9]*:[0-9][0-9]" "$T/tty"
	eq "on a tty: no plain lines" "$(grep -a -c 'kabi: [a-z]*: \(started\|done\)' "$T/tty")" 0
	# What the terminal shows at the end: the notes and the summary, whole,
	# and nothing left of any bar.
	eq "on a tty: the screen is clean: the notes and the summary only" \
		"$(render "$T/tty" | sed "s|$T/t.db|DB|")" "$(cat "$T/quiet-view")"

	KABI_TEST_HARVEST_DELAY_MS=150 script -qfec "'$KABI' harvest '$T/repo' --db '$T/t2.db' --quiet" /dev/null \
		>"$T/tty" 2>&1 </dev/null
	eq "on a tty, --quiet: exit 0" "$?" 0
	eq "on a tty, --quiet: nothing at all" "$(tr -d '\r\n' <"$T/tty")" ""
	script -qfec "'$KABI' harvest '$T/repo' --db '$T/t3.db' --progress=plain" /dev/null >"$T/tty" 2>&1 </dev/null
	eq "on a tty, --progress=plain: plain lines" "$(tr -d '\r' <"$T/tty" | grep -c '^kabi: [a-z]*: \(started\|done\)')" 6
fi

# ---- publish ----
export KABI_DB="$T/a.db"
"$KABI" publish "$T/site" >"$T/out" 2>"$T/err"
eq "publish exits 0" "$?" 0
pages=$(find "$T/site" -name '*.html' | wc -l)
exports=$(find "$T/site/export" -type f | wc -l)
ok "publish: pages and exports written" test "$pages" -gt 2 -a "$exports" -gt 2
eq "publish: the phases, each reaching the files it wrote" \
	"$(sed -n 's/^kabi: \([a-z]*\): \(started\|done\)/\1 \2/p' "$T/err" | sed 's/ in [0-9.]* s$//')" \
	"exports started ($exports files)
exports done, $exports/$exports files
pages started ($pages pages)
pages done, $pages/$pages pages"
ok "publish: the summary on stdout" grep -q "^published $pages pages" "$T/out"

"$KABI" publish "$T/site2" --quiet >"$T/out" 2>"$T/err"
eq "publish --quiet: exit 0" "$?" 0
eq "publish --quiet: nothing on stderr" "$(cat "$T/err")" ""
eq "publish --quiet: nothing on stdout" "$(cat "$T/out")" ""
ok "publish --quiet: the site is written" test -f "$T/site2/index.html"

"$KABI" publish "$T/site3" --progress=none >"$T/out" 2>"$T/err"
eq "publish --progress=none: nothing on stderr" "$(cat "$T/err")" ""
ok "publish --progress=none: the summary" grep -q "^published $pages pages" "$T/out"
eq "publish --progress=bogus: exit 2" "$(exit_code "$KABI" publish "$T/site4" --progress=bogus)" 2
ok "publish --progress=bogus: nothing written" test ! -e "$T/site4"

if command -v script >/dev/null; then
	script -qfec "'$KABI' publish '$T/site5'" /dev/null >"$T/tty" 2>&1 </dev/null
	eq "publish on a tty: exit 0" "$?" 0
	ok "publish on a tty: a bar of pages" grep -a -q $'\rkabi: pages \\[' "$T/tty"
	eq "publish on a tty: the screen is clean: the summary only" "$(render "$T/tty" | sed "s|$T/site5|DIR|g")" \
		"published $pages pages and $(find "$T/site5" -type f | wc -l) files into 'DIR' in $(
		render "$T/tty" | sed -n 's/.* in \([0-9.]*s\);.*/\1/p'); open DIR/index.html"
fi
finish
