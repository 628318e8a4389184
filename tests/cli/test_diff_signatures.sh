#!/bin/bash
# kabi diff --signatures: the syscalls whose argument lists differ, and in
# text on a terminal, lines cut to its width with a trailing "…" (never
# through a pipe, never in csv or json).  The fixture of make-tbl-repo.sh
# has no C sources, so its catalog gets two signature spans by hand:
# io_setup on x86_64 changes its argument list at v4.17.
. "$(dirname "$0")/../lib/testlib.sh"
bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
export KABI_DB="$T/k.db"
"$KABI" harvest "$T/repo" --progress=none 2>/dev/null
eq "harvest exits 0" "$?" 0
OLD="unsigned nr_events, aio_context_t __user *ctxp, an argument list long enough to need cutting"
NEW="unsigned nr_events, aio_context_t __user *ctxp, a different argument list that is long as well"
sqlite3 "$KABI_DB" "
	INSERT INTO signature (abi_id, syscall_id, args, text, file, line, first_ord, last_ord)
	SELECT a.id, s.id, 'unsigned int, aio_context_t *', '$OLD', 'fs/aio.c', 1300, 0,
	       (SELECT ord FROM release WHERE name = 'v4.2')
	FROM abi a, syscall s WHERE a.name = 'x86_64' AND s.name = 'io_setup';
	INSERT INTO signature (abi_id, syscall_id, args, text, file, line, first_ord, last_ord)
	SELECT a.id, s.id, 'unsigned int, aio_context_t *, long', '$NEW', 'fs/aio.c', 1310,
	       (SELECT ord FROM release WHERE name = 'v4.17'), (SELECT max(ord) FROM release)
	FROM abi a, syscall s WHERE a.name = 'x86_64' AND s.name = 'io_setup'"

eq "csv: the change, whole" "$("$KABI" diff v4.0 v5.10 --signatures --format csv | tail -n1)" \
	"x86_64,io_setup,\"unsigned int, aio_context_t *\",\"unsigned int, aio_context_t *, long\",\"$OLD\",\"$NEW\""
eq "csv: none between two releases of one argument list" \
	"$("$KABI" diff v4.17 v5.10 --signatures --format csv | sed -n '/^abi,syscall,old_args/,$p')" \
	"abi,syscall,old_args,new_args,old_text,new_text"
eq "text: none, said" "$("$KABI" diff v4.17 v5.10 --signatures | tail -n1)" "no signature changes"

# Through a pipe: nothing is cut.
"$KABI" diff v4.0 v5.10 --signatures >"$T/pipe"
row=$(tail -n1 "$T/pipe")
ok "text through a pipe: the row whole" test "${row%"$NEW"}" != "$row"
eq "text through a pipe: no cut mark" "$(grep -c '…' "$T/pipe")" 0
wide=$(tail -n1 "$T/pipe")
ok "the row is wider than 60 columns (${#wide})" test "${#wide}" -gt 60

# On a terminal 60 columns wide (script(1) gives kabi one).
tty_run() { # tty_run COLS ARGS...: kabi's stdout on a terminal COLS wide, without CRs
	local cols=$1; shift
	script -qec "stty cols $cols; $(printf '%q ' "$KABI" "$@")" /dev/null </dev/null | tr -d '\r'
}
if have script && [ -n "$(tty_run 60 versions 2>/dev/null)" ]; then
	tty_run 60 diff v4.0 v5.10 --signatures >"$T/tty"
	sed -n '/^abi  *syscall  *old_args/,$p' "$T/pipe" >"$T/pipe.sig"
	sed -n '/^abi  *syscall  *old_args/,$p' "$T/tty" >"$T/tty.sig"
	eq "tty: the signatures table, cut to 59 columns and a '…'" "$(cat "$T/tty.sig")" \
		"$(while IFS= read -r l; do
			if [ "${#l}" -gt 60 ]; then printf '%s…\n' "${l:0:59}"; else printf '%s\n' "$l"; fi
		done <"$T/pipe.sig")"
	eq "tty: both of its lines were cut" "$(grep -c '…$' "$T/tty.sig")" 2
	eq "tty: the diff table above it is not" \
		"$(sed '/^abi  *syscall  *old_args/,$d' "$T/tty")" "$(sed '/^abi  *syscall  *old_args/,$d' "$T/pipe")"
	eq "tty, wide enough: nothing cut" "$(tty_run 400 diff v4.0 v5.10 --signatures)" "$(cat "$T/pipe")"
	eq "tty, csv: never cut" "$(tty_run 60 diff v4.0 v5.10 --signatures --format csv | tail -n1)" \
		"$("$KABI" diff v4.0 v5.10 --signatures --format csv | tail -n1)"
	eq "tty, json: never cut" "$(tty_run 60 diff v4.0 v5.10 --signatures --format json | grep -c '…')" 0
else
	skip_part "no script(1) to give kabi a terminal"
fi
finish
