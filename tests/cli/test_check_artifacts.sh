#!/bin/bash
# kabi check on artifacts: strace logs, seccomp profiles, ELF binaries and
# directories, lists of names in files, and broken inputs of each kind.
#
# Part 1 uses the fixture catalog of tests/fixtures/make-tbl-repo.sh (read
# its header: x86_64 v4.0-rc1 .. v5.10 with read 0, write 1, open 2,
# close 3 from v4.0, _sysctl 156 unimplemented from v5.9, uselib 134 never
# implemented and removed in v5.10-rc1, clone3 435 from v5.9; i386 with
# read 3 and open 5 only).  Part 2 uses the Debian 6.1/6.12 repository
# (KABI_DEBIAN_REPO) and artifacts recorded and compiled here, against the
# kernel facts: on x86_64 cachestat is 451 (added in 6.5) and mseal 462
# (added in 6.10), so both are missing on 6.1 and present on 6.12.
# Every expected value below comes from those facts, not from kabi's output.
. "$(dirname "$0")/../lib/testlib.sh"
bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
export KABI_DB="$T/fx.db"
"$KABI" harvest "$T/repo" 2>/dev/null
eq "fixture harvest exits 0" "$?" 0

col() {   # col N: field N of a CSV table (no quoting in these tables)
	cut -d, -f"$1"
}

# ---- names in a file --------------------------------------------------
printf 'read\nwrite, clone3   # clone3 came in 5.9\n' >"$T/needs.txt"
"$KABI" check --kernel v4.17 "$T/needs.txt" --format csv >"$T/out" 2>"$T/err"
eq "names file: clone3 is missing on 4.17 (exit 1)" "$?" 1
eq "names file: rows" "$(grep -v '^$' "$T/out" | sed -n 2,4p | col 1,2)" \
	"read,available
write,available
clone3,added later"
ok "names file: verdict names the file, type and ABI" \
	grep -q "^$T/needs.txt,names,x86_64,1,x86_64 at v4.17: does not run: 1 of 3 syscalls not available: clone3 (added later)" "$T/out"
eq "names file: all there on 5.10" "$(exit_code "$KABI" check --kernel 5.10 "$T/needs.txt")" 0
eq "a name operand and a file together" "$(exit_code "$KABI" check --kernel 5.10 open "$T/needs.txt")" 0
printf 'read\nclonee3\n' >"$T/typo.txt"
"$KABI" check --kernel 5.10 "$T/typo.txt" >/dev/null 2>"$T/err"
eq "names file: a typo is an error (exit 2)" "$?" 2
ok "names file: the typo gets a suggestion" grep -q "unknown syscall 'clonee3' (did you mean clone3" "$T/err"
"$KABI" check --kernel 5.10 "$T/missing.txt" >/dev/null 2>"$T/err"
eq "a missing path (it has a '/') is an error, not a syscall name" "$?" 2
ok "and says which" grep -q "cannot open '$T/missing.txt'" "$T/err"
eq "names from stdin with --input names" \
	"$(printf 'read close\n' | "$KABI" check --kernel 4.0-rc1 --input names - --format csv | grep -v '^$' | sed -n 2,3p | col 1,2)" \
	"read,available
close,added later"

# ---- strace logs --------------------------------------------------------
# x86_64 read and write, clone3 by number as an old strace prints it, then
# a switch to 32-bit mode: open and read are i386 calls from there on.
cat >"$T/fx.strace" <<'EOF'
1234  read(3, "\177ELF\2\1\1\0", 832) = 832
1234  write(1, "hi\n", 3) = 3
1234  syscall_0x1b3(0x7ffc8d1e3a00, 0x58, 0, 0, 0, 0) = -1 ENOSYS (Function not implemented)
[ Process PID=1234 runs in 32 bit mode. ]
1234  open("/etc/ld.so.cache", O_RDONLY) = 3
1234  read(3, "", 832) = 0
1234  +++ exited with 0 +++
EOF
"$KABI" check --kernel v4.17 "$T/fx.strace" >"$T/out" 2>"$T/err"
eq "strace: clone3 by number is missing on 4.17 (exit 1)" "$?" 1
ok "strace: x86_64 verdict" grep -q "fx.strace: x86_64 at v4.17: does not run: 1 of 3 syscalls not available: clone3 (added later)" "$T/out"
ok "strace: the compat ABI after the personality switch" \
	grep -q "fx.strace: i386 at v4.17: runs: all 2 syscalls available" "$T/out"
ok "strace: the switch is mentioned" grep -q "runs in 32 bit mode" "$T/err"
"$KABI" check --kernel v4.17 "$T/fx.strace" --format csv >"$T/out" 2>/dev/null
eq "strace: the number maps to clone3 through the catalog, nr 435 shown" \
	"$(grep '^clone3,' "$T/out")" "clone3,added later,435,<=v5.9,,required,"
eq "strace: i386 numbers are i386's" "$(grep '^open,' "$T/out")" "open,available,5,<=v4.0-rc1,,required,"
eq "strace: all there on 5.10" "$(exit_code "$KABI" check --kernel 5.10 "$T/fx.strace")" 0
eq "strace from stdin with --input strace" \
	"$("$KABI" check --kernel 5.10 --input strace - <"$T/fx.strace" 2>/dev/null | grep -c 'all . syscalls available')" 2
"$KABI" check --kernel 5.10 --input strace "$T/needs.txt" >/dev/null 2>"$T/err"
eq "--input strace on a names file is an error" "$?" 2
ok "naming the file and line" grep -q "'$T/needs.txt' line 1: not strace output" "$T/err"
"$KABI" check --kernel 5.10 --input bogus "$T/needs.txt" >/dev/null 2>"$T/err"
eq "--input with an unknown type is a usage error" "$?" 2
ok "listing the types" grep -q "unknown input type 'bogus' (types: names, strace, seccomp, elf, image)" "$T/err"
eq "an strace log without a catalog number (#NUMBER) is unknown on the ABI" \
	"$(printf '1 syscall_999(0) = -1 ENOSYS\n' >"$T/nr.strace"; "$KABI" check --kernel 5.10 "$T/nr.strace" --format csv 2>/dev/null | grep '^#')" \
	"#999,unknown number,999,,,required,"
eq "which is exit 1" "$(exit_code "$KABI" check --kernel 5.10 "$T/nr.strace")" 1

# ---- seccomp profiles ------------------------------------------------------
# Allowed always: read write open close clone3 and the typo opne; io_setup
# from kernel 5.0 on, uselib from 5.10 on (minKernel); restart_syscall is
# refused (not an allowed syscall).  On i386 the fixture has only read and
# open (and restart_syscall, exit): the others are "never on this ABI".
cat >"$T/profile.json" <<'EOF'
{
	"defaultAction": "SCMP_ACT_ERRNO",
	"defaultErrnoRet": 1,
	"architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"],
	"syscalls": [
		{"names": ["read", "write", "open", "close", "clone3", "opne"], "action": "SCMP_ACT_ALLOW"},
		{"names": ["io_setup"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "5.0"}},
		{"names": ["uselib"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "5.10"}},
		{"names": ["restart_syscall"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1}
	]
}
EOF
"$KABI" check --kernel v4.17 "$T/profile.json" >"$T/out" 2>"$T/err"
eq "seccomp 4.17: clone3 missing makes exit 1, the typo does not make it 2" "$?" 1
ok "seccomp 4.17: x86_64 verdict" \
	grep -q "profile.json: 1 allowed syscall missing on x86_64 at v4.17: clone3 (added later); 1 unknown name" "$T/out"
ok "seccomp 4.17: i386 verdict" \
	grep -q "profile.json: all 2 allowed syscalls available on i386 at v4.17; 3 never on i386; 1 unknown name" "$T/out"
ok "seccomp: the typo is a warning with a suggestion" \
	grep -q "warning: '$T/profile.json' allows unknown syscall 'opne' (did you mean open" "$T/err"
eq "seccomp: warned once, not once per ABI" "$(grep -c "'opne'" "$T/err")" 1
ok "seccomp 4.17: io_setup (minKernel 5.0) does not apply" bash -c "! grep -q '^io_setup' '$T/out'"
"$KABI" check --kernel v5.9 "$T/profile.json" >"$T/out" 2>/dev/null
eq "seccomp 5.9: everything allowed is there (exit 0)" "$?" 0
ok "seccomp 5.9: io_setup applies (5.9 >= 5.0)" grep -q "^io_setup  *available" "$T/out"
ok "seccomp 5.9: x86_64 counts read write open close clone3 io_setup" \
	grep -q "all 6 allowed syscalls available on x86_64 at v5.9; 1 unknown name" "$T/out"
"$KABI" check --kernel v5.10 "$T/profile.json" >"$T/out" 2>/dev/null
eq "seccomp 5.10: uselib (minKernel 5.10) applies and is gone (exit 1)" "$?" 1
ok "seccomp 5.10: verdict" grep -q "1 allowed syscall missing on x86_64 at v5.10: uselib (removed)" "$T/out"
"$KABI" check --kernel v5.10 --abi i386 "$T/profile.json" >"$T/out" 2>/dev/null
eq "seccomp --abi i386: only i386, which has what it can" "$?" 0
eq "seccomp --abi i386: one verdict" "$(grep -c 'profile.json:' "$T/out")" 1
eq "seccomp from stdin" "$(exit_code "$KABI" check --kernel v5.9 --input seccomp - <"$T/profile.json")" 0

# ---- ELF binaries ------------------------------------------------------------
if command -v gcc >/dev/null && [ "$(uname -m)" = x86_64 ]; then
	# No libc: exactly write (1) and clone3 (435) by `syscall`, read by
	# i386's `int $0x80` (3); the other one _sysctl (156) and write.
	cat >"$T/fx.c" <<'EOF'
#define RAW64(n) __asm__ volatile("syscall" : : "a"(n) : "rcx", "r11", "memory")
#define RAW32(n) __asm__ volatile("int $0x80" : : "a"(n) : "memory")
void _start(void)
{
	RAW64(1);
	RAW64(NR);
#ifdef WITH32
	RAW32(3);
#endif
	for (;;)
		;
}
EOF
	cc() { gcc -O1 -static -nostdlib -fno-stack-protector -fno-asynchronous-unwind-tables "$@"; }
	cc -DNR=435 -DWITH32 -o "$T/clone3prog" "$T/fx.c" && cc -DNR=156 -o "$T/sysctlprog" "$T/fx.c"
	eq "fixture programs compile" "$?" 0
	"$KABI" check --kernel v4.17 "$T/clone3prog" --format csv >"$T/out" 2>"$T/err"
	eq "elf: clone3 missing on 4.17 (exit 1)" "$?" 1
	eq "elf: rows (x86_64 table, then i386's)" "$(grep -v '^$' "$T/out" | grep -v '^input,' | grep -v "^$T" | col 1-4)" \
		"syscall,status,nr,first
write,available,1,<=v4.0-rc1
clone3,added later,435,<=v5.9
syscall,status,nr,first
read,available,3,<=v4.0-rc1"
	eq "elf: all there on 5.10" "$(exit_code "$KABI" check --kernel 5.10 "$T/clone3prog")" 0
	"$KABI" check --min "$T/clone3prog" >"$T/out" 2>"$T/err"
	eq "elf --min: exit 0" "$?" 0
	ok "elf --min: oldest is clone3's release, newest the catalog's" \
		grep -q "clone3prog: x86_64: oldest: v5.9 (set by clone3); newest: v5.10 (newest in the catalog)" "$T/out"
	ok "elf --min: i386 read is there from the start" \
		grep -q "clone3prog: i386: oldest: v4.0-rc1 (oldest in the catalog); newest: v5.10 (newest in the catalog)" "$T/out"
	"$KABI" check --min "$T/sysctlprog" >"$T/out" 2>"$T/err"
	ok "elf --min: the newest bound is set by _sysctl becoming unimplemented" \
		grep -q "oldest: v4.0-rc1 (oldest in the catalog); newest: v4.17 (set by _sysctl unimplemented in v5.9)" "$T/out"
	eq "elf --min --abi i386 on an x86_64 binary is an error" \
		"$(exit_code "$KABI" check --min --abi i386 "$T/sysctlprog")" 2
	"$KABI" check --kernel 5.10 "$T/sysctlprog" --format json >"$T/out.json" 2>/dev/null
	eq "elf json: exit 1 (_sysctl not implemented)" "$?" 1
	eq "elf json: one table per input:ABI plus the verdicts" \
		"$(sqlite3 :memory: "SELECT json_valid(readfile('$T/out.json')),
			json_extract(readfile('$T/out.json'), '\$.\"$T/sysctlprog:x86_64\"[1].status'),
			json_extract(readfile('$T/out.json'), '\$.\"$T/sysctlprog:x86_64\"[1].nr'),
			json_extract(readfile('$T/out.json'), '\$.verdicts[0].missing')")" \
		"1|not implemented|156|1"

	# A directory: both binaries, a text file, and a symlink (not followed).
	mkdir -p "$T/root/bin" "$T/root/etc"
	cp "$T/clone3prog" "$T/sysctlprog" "$T/root/bin/"
	echo "not a binary" >"$T/root/etc/motd"
	ln -s /bin/sh "$T/root/bin/sh"
	"$KABI" check --kernel 5.10 "$T/root" >"$T/out" 2>"$T/err"
	eq "elf dir: _sysctl of one binary fails the tree (exit 1)" "$?" 1
	ok "elf dir: union of the x86_64 binaries" \
		grep -q "root: x86_64 at v5.10: does not run: 1 of 3 syscalls not available: _sysctl (not implemented; syscall at 0x[0-9a-f]* in 'bin/sysctlprog')" "$T/out"
	cp "$T/sysctlprog" "$T/root/bin/sysctl2"
	cp "$T/sysctlprog" "$T/root/bin/sysctl3"
	cp "$T/sysctlprog" "$T/root/bin/sysctl4"
	cp "$T/sysctlprog" "$T/root/bin/sysctl5"
	"$KABI" check --kernel 5.10 "$T/root" >"$T/out" 2>"$T/err"
	ok "elf dir: a syscall several files need names the first three and counts the rest" \
		grep -Eq "not available: _sysctl \(not implemented; in '[^']*', '[^']*', '[^']*' and 2 more\)" "$T/out"
	rm "$T/root/bin/sysctl"[2-5]
	ok "elf dir: i386 calls in their own table" grep -q "root: i386 at v5.10: runs: the 1 syscall is available" "$T/out"
	"$KABI" check --min "$T/root" >"$T/out" 2>"$T/err"
	eq "elf dir --min: clone3 and _sysctl never together (exit 1)" "$?" 1
	ok "elf dir --min: says so" grep -q "root: x86_64: no release in the catalog implements all 3 syscalls" "$T/out"

	# ---- broken inputs: each named in one line, the others still checked
	head -c 200 "$T/clone3prog" >"$T/trunc.elf"
	printf '{"syscalls": [{"names": ["read"], "action": }]}\n' >"$T/bad.json"
	"$KABI" check --kernel 5.10 "$T/trunc.elf" "$T/needs.txt" "$T/bad.json" "$T/clone3prog" >"$T/out" 2>"$T/err"
	eq "broken inputs: exit 2" "$?" 2
	eq "broken inputs: one line each" "$(wc -l <"$T/err")" 2
	ok "truncated ELF: named with an offset" grep -q "^kabi: '$T/trunc.elf' offset [0-9]*: " "$T/err"
	ok "bad JSON: named with line and column" grep -q "^kabi: '$T/bad.json' line 1 column [0-9]*" "$T/err"
	ok "broken inputs: the names file is still checked" grep -q "needs.txt: x86_64 at v5.10: runs: all 3 syscalls available" "$T/out"
	ok "broken inputs: the binary is still checked" grep -q "clone3prog: x86_64 at v5.10: runs: all 2 syscalls available" "$T/out"
	cp "$T/trunc.elf" "$T/root/bin/broken"
	"$KABI" check --kernel 5.10 --abi i386 "$T/root" >"$T/out" 2>"$T/err"
	eq "elf dir with a broken binary: exit 2" "$?" 2
	ok "elf dir: the broken one is named" grep -q "^kabi: '$T/root/bin/broken' offset" "$T/err"
	ok "elf dir: the rest is still checked" grep -q "root: i386 at v5.10: runs: the 1 syscall is available" "$T/out"
else
	echo "SKIP (part): no gcc or not x86_64: ELF parts on the fixture"
fi
if [ "$(id -u)" != 0 ]; then
	cp "$T/needs.txt" "$T/locked.txt" && chmod 000 "$T/locked.txt"
	"$KABI" check --kernel 5.10 "$T/locked.txt" "$T/needs.txt" >"$T/out" 2>"$T/err"
	eq "an unreadable file: exit 2" "$?" 2
	ok "named in one line" grep -q "^kabi: cannot open '$T/locked.txt': Permission denied" "$T/err"
fi

# ---- the real Debian 6.1 and 6.12 trees ----------------------------------------
if [ -z "${KABI_DEBIAN_REPO:-}" ] || [ ! -d "${KABI_DEBIAN_REPO:-}" ]; then
	echo "SKIP (part): KABI_DEBIAN_REPO is not set: no checks against Debian's 6.1/6.12"
	finish
fi
export KABI_DB="$T/deb.db"
debian_db "$KABI_DB"
eq "debian harvest exits 0" "$?" 0
v61=$("$KABI" versions --format csv | awk -F, '$3 == "6.1" { print $1 }')
v612=$("$KABI" versions --format csv | awk -F, '$3 == "6.12" { print $1 }')

if command -v strace >/dev/null && strace -f -o "$T/true.log" /bin/true 2>/dev/null; then
	"$KABI" check --kernel 6.12 "$T/true.log" >"$T/out" 2>"$T/err"
	eq "recorded strace of /bin/true: all available on 6.12 (exit 0)" "$?" 0
	# the distinct syscalls of the log, counted here from its lines
	n=$(grep -oE '^[0-9]+ +[a-z_0-9]+\(' "$T/true.log" | awk '{ print $2 }' | sort -u | wc -l)
	ok "recorded strace: all $n distinct syscalls checked" \
		grep -q "true.log: x86_64 at $v612: runs: all $n syscalls available" "$T/out"
else
	echo "SKIP (part): strace cannot trace here"
fi

if command -v gcc >/dev/null && [ "$(uname -m)" = x86_64 ]; then
	# The number in eax at the syscall instruction, as raw-syscall code and
	# static runtimes do it: kabi sees it in static and dynamic builds.
	cat >"$T/raw.c" <<'EOF'
int main(void)
{
	register long r10 __asm__("r10") = 0;
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "0"((long)NR), "D"(-1L), "S"(0L), "d"(0L), "r"(r10)
			 : "rcx", "r11", "memory");
	return ret == 0;
}
EOF
	for s in cachestat:451 mseal:462; do
		name=${s%:*} nr=${s#*:}
		gcc -O2 -DNR="$nr" -o "$T/$name-dyn" "$T/raw.c" && gcc -O2 -static -DNR="$nr" -o "$T/$name-static" "$T/raw.c"
		eq "$name programs compile" "$?" 0
		for b in "$name-dyn" "$name-static"; do
			"$KABI" check --kernel 6.1 "$T/$b" --format csv >"$T/out" 2>"$T/err"
			eq "$b: fails on 6.1 (exit 1)" "$?" 1
			eq "$b: names $name, by its number $nr" "$(grep "^$name," "$T/out" | cut -d, -f1-7)" "$name,added later,$nr,<=$v612,,required,"
			ok "$b: the verdict names it and where" grep -Eq "(1 of [0-9]+ syscalls|the 1 syscall is) not available: $name \\(added later; syscall at 0x[0-9a-f]+\\)" "$T/out"
			eq "$b: passes on 6.12" "$(exit_code "$KABI" check --kernel 6.12 "$T/$b")" 0
			"$KABI" check --min "$T/$b" >"$T/out" 2>"$T/err"
			ok "$b --min: oldest is 6.12, set by $name" \
				grep -q "x86_64: oldest: $v612 (set by $name); newest: $v612 (newest in the catalog)" "$T/out"
		done
	done
	# Through glibc's syscall(): the number is an argument, which kabi does
	# not follow; it must say so rather than pass silently.
	cat >"$T/libc.c" <<'EOF'
#include <sys/syscall.h>
#include <unistd.h>
#ifndef SYS_cachestat
#define SYS_cachestat 451
#endif
int main(void) { return syscall(SYS_cachestat, -1, 0, 0, 0) == 0; }
EOF
	gcc -O2 -o "$T/libc-dyn" "$T/libc.c"
	"$KABI" check --kernel 6.1 "$T/libc-dyn" >"$T/out" 2>&1
	ok "syscall(): the unknown number is reported" \
		grep -q "1 call with a number kabi could not determine (first: import syscall)" "$T/out"
else
	echo "SKIP (part): no gcc or not x86_64: compiled programs"
fi

# arm64: mseal is 462 there too (the generic table); at 6.1 arm64's table
# comes from the asm-generic header (the header era), which has no mseal.
if have aarch64-linux-gnu-gcc && links aarch64-linux-gnu-gcc; then
	cat >"$T/a64.c" <<'EOF'
int main(void)
{
	register long x8 __asm__("x8") = 462;
	register long x0 __asm__("x0") = 0;
	register long x1 __asm__("x1") = 0;
	register long x2 __asm__("x2") = 0;

	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
	return x0 == 0;
}
EOF
	aarch64-linux-gnu-gcc -O2 -static -o "$T/mseal-arm64" "$T/a64.c"
	eq "arm64 program compiles" "$?" 0
	"$KABI" check --kernel 6.12 "$T/mseal-arm64" --format csv >"$T/out" 2>/dev/null
	eq "arm64: passes on 6.12, the ABI from the ELF header" "$?" 0
	eq "arm64: mseal found by its number" "$(grep '^mseal,' "$T/out" | cut -d, -f1-7)" "mseal,available,462,<=$v612,,required,"
	"$KABI" check --kernel 6.1 "$T/mseal-arm64" --format csv >"$T/out" 2>"$T/err"
	eq "arm64 on 6.1 (header-era table): mseal missing, exit 1" "$?" 1
	eq "arm64 on 6.1: mseal added later" "$(grep '^mseal,' "$T/out" | cut -d, -f1,2)" "mseal,added later"
	"$KABI" check --min "$T/mseal-arm64" >"$T/out" 2>/dev/null
	ok "arm64 --min: the oldest bound is set by mseal" \
		grep -q "arm64: oldest: $v612 (set by mseal)" "$T/out"
else
	skip_part "${LINK_ERR:-no aarch64-linux-gnu-gcc}: arm64 program"
fi

# A Docker-format profile: x86_64 with its i386 and x32 subarchitectures,
# arm64 with arm.  cachestat is allowed from 6.5 on (minKernel), mseal
# always, arm_fadvise64_64 is arm's, "fchmodat3" is a typo.
cat >"$T/docker.json" <<'EOF'
{
	"defaultAction": "SCMP_ACT_ERRNO",
	"defaultErrnoRet": 1,
	"archMap": [
		{"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86", "SCMP_ARCH_X32"]},
		{"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"]}
	],
	"syscalls": [
		{"names": ["read", "write", "openat", "close", "mseal", "arm_fadvise64_64", "fchmodat3"],
		 "action": "SCMP_ACT_ALLOW"},
		{"names": ["cachestat"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "6.5"}}
	]
}
EOF
"$KABI" check --kernel 6.1 "$T/docker.json" >"$T/out" 2>"$T/err"
eq "docker profile on 6.1: mseal missing (exit 1)" "$?" 1
for a in x86_64 i386 x32 arm arm64; do
	ok "docker profile on 6.1: $a lacks mseal; cachestat is not allowed before 6.5" \
		grep -q "docker.json: 1 allowed syscall missing on $a at $v61: mseal (added later)" "$T/out"
done
ok "docker profile: the typo is a warning" grep -q "allows unknown syscall 'fchmodat3' (did you mean fchmodat" "$T/err"
"$KABI" check --kernel 6.12 "$T/docker.json" >"$T/out" 2>"$T/err"
eq "docker profile on 6.12: exit 0 (the typo is only a warning)" "$?" 0
ok "docker profile on 6.12: x86_64 has the 6 (cachestat now allowed)" \
	grep -q "docker.json: all 6 allowed syscalls available on x86_64 at $v612; 1 never on x86_64; 1 unknown name" "$T/out"
ok "docker profile on 6.12: arm also has arm_fadvise64_64" \
	grep -q "docker.json: all 7 allowed syscalls available on arm at $v612; 1 unknown name" "$T/out"
ok "docker profile on 6.12: arm64 is checked" grep -q "docker.json: all 6 allowed syscalls available on arm64 at $v612" "$T/out"
finish
