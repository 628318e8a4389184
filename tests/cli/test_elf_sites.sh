#!/bin/bash
# Every syscall site kabi reports in x86 code is a real instruction: the
# reader decodes instruction by instruction (query/artifact_elf_x86.c) from
# the sections' and functions' starts, so bytes 0f 05 (syscall) or cd 80
# (int $0x80) inside a call's displacement or an immediate are not taken
# for syscalls.
#
# 1. A program compiled here with two real syscalls (39 getpid, 186
#    gettid, numbers from the x86_64 table) and a function whose call and
#    mov carry those bytes in their operands: exactly the two sites.
# 2. Real system binaries (a sample of /usr/bin and the x86_64 libraries,
#    with ctest and gzip, where the bytes sit inside other instructions,
#    and libc): every site kabi reports is, at that address, the
#    instruction objdump -d shows there, and kabi misses none of objdump's
#    syscall instructions.
. "$(dirname "$0")/../lib/testlib.sh"
[ "$(uname -m)" = x86_64 ] || skip "the system binaries of part 2 are x86_64 ones; this is $(uname -m)"
have gcc || skip "no gcc to build the test program"
TOOL=$KABI_BUILD/tests/kabi-elfsites

cat >"$T/decoy.c" <<'C'
/* decoy: call rel32 0x0000050f (bytes e8 0f 05 00 00) and
 * mov $0x80cd050f,%eax (bytes b8 0f 05 cd 80): no syscall in either */
__asm__(".text\n.globl decoy\n.type decoy,@function\ndecoy:\n"
	".byte 0xe8, 0x0f, 0x05, 0x00, 0x00\n"
	"movl $0x80cd050f, %eax\nret\n.size decoy, .-decoy\n"
	/* a constant table in .text, no function (as OpenSSL's precomputed
	 * tables): bytes that are no instruction (0x06 is invalid in 64-bit
	 * code), then 0f 05 and cd 80 where a decoding of the table would
	 * find them at instruction starts */
	".globl table\n.type table,@object\ntable:\n"
	".byte 0x06, 0x06, 0x0f, 0x05, 0x06, 0xcd, 0x80, 0x06\n.size table, .-table\n");

static long raw0(long n)
{
	long r;

	__asm__ volatile("syscall" : "=a"(r) : "a"(n) : "rcx", "r11", "memory");
	return r;
}

int main(void)
{
	return (int)(raw0(39) + raw0(186)) & 1;
}
C
gcc -O2 -o "$T/decoy" "$T/decoy.c" || skip "gcc cannot build the test program"
"$TOOL" "$T/decoy" >"$T/sites"
eq "elfsites reads the program" "$?" 0
eq "exactly the two real syscalls, with their numbers (none in the table)" "$(cut -f3,4 "$T/sites" | sort)" \
	"syscall	186
syscall	39"
ok "the table's syscall-like bytes are counted as calls kabi could not determine, saying why" bash -c \
	"'$TOOL' --unknown '$T/decoy' | grep -q 'unknown	2	bytes like syscall at 0x[0-9a-f]* after bytes that are no instruction'"

# ---- part 2: against objdump -------------------------------------------------
have objdump || { skip_part "no objdump (binutils) to compare with"; finish; }
files=$( (ls /usr/bin/ctest /usr/bin/gzip /usr/lib/x86_64-linux-gnu/libc.so.6 2>/dev/null
	find /usr/bin /usr/lib/x86_64-linux-gnu -maxdepth 1 -type f -size -8M 2>/dev/null | sort | awk 'NR % 12 == 1' | head -n 70) |
	while read -r f; do [ "$(head -c4 "$f" | od -An -c | tr -d ' ')" = '177ELF' ] && echo "$f"; done)
nfiles=$(echo "$files" | grep -c .)
[ "$nfiles" -ge 10 ] || { skip_part "only $nfiles ELF files found under /usr/bin and /usr/lib/x86_64-linux-gnu"; finish; }

wrong= missed= nsites=0 read=0
while read -r f; do
	"$TOOL" "$f" >"$T/k" 2>/dev/null || continue
	read=$((read + 1))
	objdump -d --no-show-raw-insn "$f" 2>/dev/null |
		awk '$1 ~ /^[0-9a-f]+:$/ { sub(":", "", $1); print "0x" $1 "\t" $2 " " $3 }' >"$T/o"
	nsites=$((nsites + $(wc -l <"$T/k")))
	wrong+=$(awk -F'\t' 'NR == FNR { ins[$1] = $2; next }
		{ i = ($2 in ins) ? ins[$2] : "(no instruction starts here)"
		  ok = ($3 == "syscall" && i ~ /^syscall/) || ($3 == "int $0x80" && i ~ /^int \$0x80/) ||
		       ($3 ~ /^call to/ && i ~ /^(call|jmp|bnd|notrack)/) || ($3 == "call *%gs:0x10" && i ~ /^call/)
		  if (!ok) printf "%s %s %s: objdump has %s\n", $1, $2, $3, i }' "$T/o" "$T/k")
	awk -F'\t' '$3 == "syscall" || $3 == "int $0x80" { print $2 }' "$T/k" | sort >"$T/ks"
	awk -F'\t' '$2 ~ /^syscall/ || $2 ~ /^int \$0x80/ { print $1 }' "$T/o" | sort >"$T/os"
	missed+=$(comm -13 "$T/ks" "$T/os" | sed "s|^|$f |")
done <<<"$files"
ok "read most of the $nfiles sampled files ($read)" [ "$read" -ge $((nfiles / 2)) ]
ok "the sample has syscall sites to check ($nsites)" [ "$nsites" -ge 100 ]
eq "every site kabi reports is that instruction in objdump -d" "$wrong" ""
eq "no syscall instruction of objdump's is missed" "$missed" ""
finish
