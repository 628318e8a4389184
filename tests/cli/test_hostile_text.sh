#!/bin/bash
# Repository text is data: a commit whose subject and author carry invalid
# UTF-8 and terminal escape sequences is stored cleaned (U+FFFD), so that
# show prints no escape to the terminal and JSON stays valid.
. "$(dirname "$0")/../lib/testlib.sh"
bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
R=$T/repo
tbl=arch/x86/entry/syscalls/syscall_64.tbl
printf '999\tcommon\tevil\t\t\tsys_evil\n' >>"$R/$tbl"
git -C "$R" add -A
# Written byte for byte: git commit would re-encode the invalid bytes.
tree=$(git -C "$R" write-tree)
id=$({
	printf 'tree %s\nparent %s\n' "$tree" "$(git -C "$R" rev-parse HEAD)"
	printf 'author Mallory \033]0;pwned\007 \xff <m@kabi.invalid> 1612137600 +0000\n'
	printf 'committer Mallory <m@kabi.invalid> 1612137600 +0000\n\n'
	printf 'evil: \033[2J\033[31mred\033[0m and \xfe\xff bytes\n'
} | git -C "$R" hash-object -t commit -w --stdin)
git -C "$R" update-ref HEAD "$id"
sed -i 's/^PATCHLEVEL = .*/PATCHLEVEL = 11/; s/^EXTRAVERSION = .*/EXTRAVERSION =/' "$R/Makefile"
GIT_COMMITTER_DATE=2021-02-14T00:00:00 git -C "$R" -c user.name=t -c user.email=t@kabi.invalid \
	commit -q -am "release v5.11"
git -C "$R" tag v5.11
"$KABI" harvest "$R" --db "$T/k.db" --quiet
eq "harvest exits 0" "$?" 0

subject=$(sqlite3 "$T/k.db" "SELECT e.commit_subject FROM event e JOIN syscall s ON s.id = e.syscall_id
	WHERE s.name = 'evil' AND e.kind = 'added' LIMIT 1")
author=$(sqlite3 "$T/k.db" "SELECT e.commit_author FROM event e JOIN syscall s ON s.id = e.syscall_id
	WHERE s.name = 'evil' AND e.kind = 'added' LIMIT 1")
eq "the subject is stored cleaned" "$subject" "$(printf 'evil: \xef\xbf\xbd[2J\xef\xbf\xbd[31mred\xef\xbf\xbd[0m and \xef\xbf\xbd\xef\xbf\xbd bytes')"
ok "the author is stored without the escape" bash -c "printf '%s' '$author' | grep -q '^Mallory .*pwned' && ! printf '%s' '$author' | grep -q \$'\\033'"
"$KABI" show evil --db "$T/k.db" >"$T/show.txt"
eq "show: exit 0" "$?" 0
ok "show names the commit" grep -q "evil:" "$T/show.txt"
eq "show prints no escape character" "$(tr -dc '\033\007' <"$T/show.txt" | wc -c)" 0
"$KABI" show evil --db "$T/k.db" --format json >"$T/show.json"
eq "show --format json is valid JSON" "$(sqlite3 :memory: "SELECT json_valid(readfile('$T/show.json'))")" 1

# A catalog that carries such text anyway (an older kabi's, or a crafted
# one): text output still writes no control character to the terminal.
cp "$T/k.db" "$T/old.db"
sqlite3 "$T/old.db" "UPDATE event SET commit_subject = 'x' || char(27) || '[2J' || char(7) || 'y'"
"$KABI" show evil --db "$T/old.db" >"$T/old.txt"
eq "an older catalog: show exits 0" "$?" 0
ok "an older catalog: the subject is shown" grep -q "x.*\[2J.*y" "$T/old.txt"
eq "an older catalog: show prints no escape character" "$(tr -dc '\033\007' <"$T/old.txt" | wc -c)" 0

# JSON is UTF-8 even from such a catalog: an invalid byte (here 0xff in a
# subject and in a syscall name) is written as U+FFFD; text output of
# diff and versions carries no control character either.
cp "$T/k.db" "$T/bad.db"
sqlite3 "$T/bad.db" "UPDATE event SET commit_subject = 'x' || char(27) || '[2J' || cast(x'ff' AS TEXT) || 'y';
	UPDATE syscall SET name = 'ev' || cast(x'ff' AS TEXT) || 'il' WHERE name = 'evil'"
for cmd in "show clone3" "diff v5.10 v5.11" "export --abi x86_64 --at v5.11" "table --abi x86_64 --at v5.11" \
	"versions"; do
	# shellcheck disable=SC2086
	"$KABI" $cmd --format json --db "$T/bad.db" >"$T/bad.json" 2>/dev/null
	eq "$cmd --format json from a crafted catalog: exit 0" "$?" 0
	ok "$cmd --format json: valid UTF-8" iconv -f UTF-8 -t UTF-8 "$T/bad.json" -o /dev/null
	eq "$cmd --format json: valid JSON" "$(sqlite3 :memory: "SELECT json_valid(readfile('$T/bad.json'))")" 1
	# shellcheck disable=SC2086
	"$KABI" $cmd --db "$T/bad.db" >"$T/bad.txt" 2>/dev/null
	eq "$cmd as text: no escape character" "$(tr -dc '\033\007' <"$T/bad.txt" | wc -c)" 0
done
ok "export --format json: the name's bad byte is U+FFFD" \
	grep -q "\"ev$(printf '\xef\xbf\xbd')il\"" <("$KABI" export --format json --abi x86_64 --at v5.11 --db "$T/bad.db")
finish
