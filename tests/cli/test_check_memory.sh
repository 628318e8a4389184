#!/bin/bash
# Hostile inputs to kabi check are bounded in memory, not only in time:
# each large input below, made here on the fly (nothing large is kept in
# the repository, the biggest are streamed through pipes), must finish
# with a peak RSS (bench/kabi-timeit: wait4's ru_maxrss) within SLACK MiB
# of kabi check's own on a one-line input, measured here first.  A bound
# relative to that baseline holds in Release and ASan builds alike (ASan's
# shadow memory makes the baseline large and defeats ulimit -v).  The
# inputs are many times larger than SLACK, so a reader that keeps its
# input in memory fails.  No figure here is a time: LIMIT only turns a
# hang into a failure.
. "$(dirname "$0")/../lib/testlib.sh"
TIMEIT=${KABI_BUILD:?KABI_BUILD must name the build directory}/bench/kabi-timeit
[ -x "$TIMEIT" ] || skip "$TIMEIT is not built (cmake --build without --target)"
LIMIT=600 # a guard against hangs, not a speed test
SLACK=48  # MiB over the baseline; every input below is 200 MiB or more
MiB=$((1 << 20))

bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
export KABI_DB="$T/fx.db"
"$KABI" harvest "$T/repo" 2>/dev/null
eq "fixture harvest exits 0" "$?" 0
printf 'read\n' >"$T/good.txt"

# peak NAME ARGS...: kabi check --kernel v5.10 ARGS (stdin inherited) under
# kabi-timeit; sets RC and RSS (KiB), stdout in $T/NAME.out, stderr in
# $T/NAME.err
peak() {
	local name=$1
	shift
	RC=0
	timeout "$LIMIT" "$TIMEIT" "$T/$name.rss" "$KABI" check --kernel v5.10 "$@" \
		>"$T/$name.out" 2>"$T/$name.err" || RC=$?
	RSS=$(cut -d' ' -f2 "$T/$name.rss" 2>/dev/null)
	RSS=${RSS:-0}
}

peak base "$T/good.txt"
eq "baseline: a one-line names file runs" "$RC" 0
[ "$RSS" -gt 0 ] || skip "kabi-timeit reports no peak RSS here (getrusage's ru_maxrss is 0)"
BASE=$RSS
BOUND=$((BASE + SLACK * 1024))
echo "baseline peak RSS ${BASE} KiB; bound ${BOUND} KiB"

# bounded WHAT RC...: the last peak finished (not killed by LIMIT), with
# one of the exit statuses RC..., within BOUND
bounded() {
	local what=$1 want
	shift
	ok "$what: finishes within ${LIMIT}s" test "$RC" -ne 124
	want=" $* "
	ok "$what: exit status $RC is one of $*" test "${want#* $RC }" != "$want"
	echo "$what: peak RSS ${RSS} KiB ($(((RSS - BASE) / 1024)) MiB over the baseline)"
	ok "$what: peak RSS ${RSS} KiB within ${SLACK} MiB of the baseline" test "$RSS" -le "$BOUND"
}

# ---- strace logs ----------------------------------------------------------------
# A block of `strace -f -tt` lines of a program loading libc (syscalls known
# and unknown to the fixture's catalog, unfinished/resumed pairs, signals)
# and one 1 MiB write(2) line, repeated to SIZE MiB.
STRACE_MB=200
{
	for i in $(seq 300); do
		p=$((1000 + i % 7))
		printf '%d  10:00:00.%06d openat(AT_FDCWD, "/usr/lib/x86_64-linux-gnu/libc.so.6", O_RDONLY|O_CLOEXEC) = 3\n' $p $i
		printf '%d  10:00:00.%06d read(3, "\\177ELF\\2\\1\\1\\3\\0\\0\\0\\0\\0\\0\\0\\0\\3\\0>\\0\\1\\0"..., 832) = 832\n' $p $i
		printf '%d  10:00:00.%06d read(0,  <unfinished ...>\n' $p $i
		printf '%d  10:00:00.%06d --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED} ---\n' $((p + 1)) $i
		printf '%d  10:00:00.%06d <... read resumed>"x", 1) = 1\n' $p $i
		printf '%d  10:00:00.%06d frobnicate_%d(3)        = 0\n' $p $i $i
		printf '%d  10:00:00.%06d close(3)                = 0\n' $p $i
	done
	printf '1001  10:00:01.000000 write(1, "'
	head -c $MiB /dev/zero | tr '\0' 'x'
	printf '"..., 1048576) = 1048576\n'
} >"$T/block.strace"
block_lines=$(wc -l <"$T/block.strace")
blocks=$((STRACE_MB * MiB / $(stat -c %s "$T/block.strace") + 1))
strace_log() { # the log, streamed
	local i
	for ((i = 0; i < blocks; i++)); do cat "$T/block.strace"; done
}
summary() {
	grep -c "x86_64 at v5.10: does not run: 301 of 304 syscalls not available" "$T/$1.out"
}

peak stdin --input strace - < <(strace_log)
bounded "a ${STRACE_MB} MiB strace log on standard input" 1
eq "... all of it read" "$(summary stdin)" 1

peak procsub <(strace_log)
bounded "a ${STRACE_MB} MiB strace log through a pipe, its kind sniffed" 1
eq "... read as an strace log" "$(summary procsub)" 1

peak procsubforced --input strace <(strace_log)
bounded "a ${STRACE_MB} MiB strace log through a pipe, --input strace" 1
eq "... read as an strace log" "$(summary procsubforced)" 1

# ---- names ------------------------------------------------------------------------
# 1M names per 10 MiB: known ones, unknown ones (few distinct), comments
NAMES_MB=200
{
	for i in $(seq 2000); do
		printf 'read write, close # a comment\nopenat frobnicate_%d\n' $((i % 50))
	done
} >"$T/block.names"
nblocks=$((NAMES_MB * MiB / $(stat -c %s "$T/block.names") + 1))
names_list() {
	local i
	for ((i = 0; i < nblocks; i++)); do cat "$T/block.names"; done
}
peak names - < <(names_list)
bounded "${NAMES_MB} MiB of names on standard input" 2
ok "... all of it read" grep -q "^frobnicate_49 *unknown name" "$T/names.out"
peak namesgood - "$T/good.txt" < <(names_list)
bounded "${NAMES_MB} MiB of names on standard input beside a file" 2
ok "... the file is still checked" grep -q "good.txt: x86_64 at v5.10: runs" "$T/namesgood.out"
peak namesproc <(names_list)
bounded "${NAMES_MB} MiB of names through a pipe" 2
ok "... read as names, all of them" grep -q "x86_64 at v5.10: runs: all 3 syscalls available; 51 unknown names" "$T/namesproc.out"

# one line of 100 MiB through a pipe: sniffed as an strace log, found to be
# none in its first 4 MiB, then read again as names (from the bytes kept
# and the rest of the pipe), its one word kept to its first bytes
peak longline <(head -c $((100 * MiB)) /dev/zero | tr '\0' 'x')
bounded "a line of 100 MiB through a pipe" 2
ok "... read as names: one unknown name" grep -q "x86_64 at v5.10: no syscall to check; 1 unknown name" "$T/longline.out"

# ---- a profile and an ELF file past their readers' caps ---------------------------
# (sparse past their first bytes): refused from their size, not read
{
	printf '{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [\n'
	head -c 1000 /dev/zero | tr '\0' ' '
} >"$T/huge.json"
truncate -s $((100 * MiB)) "$T/huge.json"
peak hugejson "$T/huge.json" "$T/good.txt"
bounded "a 100 MiB profile" 2
ok "... refused from its size" grep -q "^kabi: '$T/huge.json': larger than 64 MiB" "$T/hugejson.err"
ok "... the other input is still checked" grep -q "good.txt: x86_64 at v5.10: runs" "$T/hugejson.out"
if head -c4 /bin/true 2>/dev/null | grep -q ELF; then
	cp /bin/true "$T/huge.elf"
	truncate -s $((600 * MiB)) "$T/huge.elf"
	peak hugeelf "$T/huge.elf" "$T/good.txt"
	bounded "a 600 MiB ELF file" 2
	ok "... refused from its size" grep -q "^kabi: '$T/huge.elf': larger than 512 MiB" "$T/hugeelf.err"
	ok "... the other input is still checked" grep -q "good.txt: x86_64 at v5.10: runs" "$T/hugeelf.out"
else
	skip_part "no ELF /bin/true to grow"
fi

finish
