#!/bin/bash
# kabi check on programs that pass the syscall number as a function
# argument rather than in the syscall register: C through glibc's syscall()
# (dynamic and static) and Go (a static binary, whose runtime makes its own
# syscalls and whose syscall.Syscall takes the number as an argument).
#
# Facts the expected values come from (the kernel's syscall_64.tbl and the
# generic unistd.h): cachestat is 451 and mseal 462 on x86_64 and arm64,
# added in 6.5 and 6.10, so missing on 6.1 and present on 6.12; getpid is 39
# on x86_64.  Go's runtime itself makes read 0, write 1, mmap 9, clone 56,
# exit_group 231 and futex 202 directly on x86_64, and never cachestat.
#
# Part 1 needs only the fixture catalog (tests/fixtures/make-tbl-repo.sh,
# x86_64 up to v5.10: numbers it does not name show as #NR "unknown
# number").  Part 2 needs the Debian 6.1/6.12 repository (KABI_DEBIAN_REPO)
# and is skipped without it.  The Go parts need `go` (Debian: golang-go) and
# are skipped without it; they build offline, with the standard library only.
# The arm64 C programs need aarch64-linux-gnu-gcc.
. "$(dirname "$0")/../lib/testlib.sh"
command -v gcc >/dev/null && [ "$(uname -m)" = x86_64 ] || skip "needs gcc on x86_64"

rows() {   # rows FILE: "syscall,status,nr" of a CSV check output, table rows only
	grep -E '^[#a-z_0-9]+,[a-z ]+,[0-9]+,' "$1" | cut -d, -f1-3
}

# ---- the programs ---------------------------------------------------------
# argc picks the call at run time, so the compiler keeps all of them; the
# last number is a run-time value, which kabi must not guess.
cat >"$T/libc.c" <<'EOF'
#include <sys/syscall.h>
#include <unistd.h>
#ifndef SYS_cachestat
#define SYS_cachestat 451
#endif
int main(int argc, char **argv)
{
	if (argc > 5)
		return syscall(462, 0, 0, 0) == 0;
	if (argc > 3)
		return syscall(argc + 400, 0) == 0;
	return syscall(SYS_cachestat, -1, 0, 0, 0) == 0;
}
EOF
gcc -O2 -o "$T/libc-dyn" "$T/libc.c" && gcc -O0 -o "$T/libc-O0" "$T/libc.c" &&
	gcc -O2 -fno-plt -o "$T/libc-noplt" "$T/libc.c"
eq "C programs compile" "$?" 0
C_BINS="libc-dyn libc-O0 libc-noplt"
if gcc -O2 -static -o "$T/libc-static" "$T/libc.c" 2>/dev/null; then
	C_BINS="$C_BINS libc-static"
else
	echo "SKIP (part): no static libc"
fi

A64_BINS=
if have aarch64-linux-gnu-gcc && links aarch64-linux-gnu-gcc; then
	aarch64-linux-gnu-gcc -O2 -o "$T/libc-a64-dyn" "$T/libc.c" &&
		aarch64-linux-gnu-gcc -O2 -static -o "$T/libc-a64-static" "$T/libc.c"
	eq "arm64 C programs compile" "$?" 0
	A64_BINS="libc-a64-dyn libc-a64-static"
else
	skip_part "${LINK_ERR:-no aarch64-linux-gnu-gcc}: arm64 C programs"
fi

GO_BINS=
if command -v go >/dev/null; then
	mkdir -p "$T/go"
	cat >"$T/go/go.mod" <<'EOF'
module kabitest

go 1.17
EOF
	cat >"$T/go/main.go" <<'EOF'
package main

import (
	"fmt"
	"os"
	"syscall"
)

func main() {
	// cachestat(2): 451 on amd64 and arm64; Go's runtime never makes it.
	r, _, errno := syscall.Syscall(451, ^uintptr(0), 0, 0)
	f, err := os.CreateTemp("", "kabi-go")
	if err != nil {
		os.Exit(1)
	}
	defer os.Remove(f.Name())
	f.WriteString("hello\n")
	f.Close()
	b, _ := os.ReadFile(f.Name())
	fmt.Println(r, errno, len(b), syscall.Getpid() > 0)
}
EOF
	gobuild() {   # gobuild GOARCH OUT [FLAG...]
		local arch=$1 out=$2
		shift 2
		(cd "$T/go" && env GOCACHE="$T/gocache" GOPATH="$T/gopath" GOFLAGS=-mod=mod \
			GOPROXY=off GOTOOLCHAIN=local GOTELEMETRY=off CGO_ENABLED=0 GOOS=linux \
			GOARCH="$arch" go build "$@" -o "$out" .)
	}
	# as built by default (with .symtab), stripped (-s: functions are
	# named only in .gopclntab) and position-independent
	gobuild amd64 "$T/go-amd64" && gobuild amd64 "$T/go-amd64-s" -ldflags=-s &&
		gobuild amd64 "$T/go-amd64-pie" -buildmode=pie -ldflags=-s &&
		gobuild arm64 "$T/go-arm64" && gobuild arm64 "$T/go-arm64-s" -ldflags=-s
	eq "Go programs build (static, standard library only)" "$?" 0
	"$T/go-amd64" >"$T/go.out" 2>&1
	ok "the Go program runs" grep -q "^[0-9]* .* 6 true$" "$T/go.out"
	ok "-s leaves no .symtab" bash -c "! readelf -S '$T/go-amd64-s' | grep -q ' \.symtab '"
	GO_BINS="go-amd64 go-amd64-s go-amd64-pie go-arm64 go-arm64-s"
else
	echo "SKIP (part): no go (Debian: golang-go): Go programs"
fi

# ---- 1: the numbers, with the fixture catalog -------------------------------
bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
export KABI_DB="$T/fx.db"
"$KABI" harvest "$T/repo" 2>/dev/null
eq "fixture harvest exits 0" "$?" 0

for b in $C_BINS; do
	"$KABI" check --kernel 5.10 "$T/$b" --format csv >"$T/out" 2>"$T/err"
	eq "$b: numbers unknown to the fixture make exit 1" "$?" 1
	ok "$b: syscall(SYS_cachestat) found as 451" grep -q "^#451,unknown number,451," "$T/out"
	ok "$b: syscall(462) found as 462" grep -q "^#462,unknown number,462," "$T/out"
	ok "$b: syscall(argc + 400) is not given a number" bash -c "! grep -qE '^#40[01],' '$T/out'"
	ok "$b: the run-time number is counted as unknown" \
		grep -qE "[0-9]+ calls? with a number kabi could not determine" "$T/out"
done

for b in $GO_BINS; do
	case $b in go-amd64*) ;; *) continue ;; esac
	"$KABI" check --kernel 5.10 "$T/$b" --format csv >"$T/out" 2>"$T/err"
	eq "$b: exit 1 (numbers the fixture does not name)" "$?" 1
	ok "$b: the ABI from the ELF header" grep -q "^$T/$b,elf,x86_64," "$T/out"
	eq "$b: the runtime's read, write and close by name" \
		"$(rows "$T/out" | grep -E '^(read|write|close),' | sort)" \
		"close,available,3
read,available,0
write,available,1"
	for nr in 9 56 202 231; do
		ok "$b: the runtime's syscall $nr" grep -q "^#$nr,unknown number,$nr," "$T/out"
	done
	ok "$b: syscall.Syscall(451, ...) found" grep -q "^#451,unknown number,451," "$T/out"
	ok "$b: syscall.Getpid() (stack ABI call) found" grep -q "^#39,unknown number,39," "$T/out"
done

# ---- 2: against Debian's 6.1 and 6.12 -----------------------------------------
if [ -z "${KABI_DEBIAN_REPO:-}" ] || [ ! -d "${KABI_DEBIAN_REPO:-}" ]; then
	echo "SKIP (part): KABI_DEBIAN_REPO is not set: no checks against Debian's 6.1/6.12"
	finish
fi
export KABI_DB="$T/deb.db"
debian_db "$KABI_DB"
eq "debian harvest exits 0" "$?" 0
v612=$("$KABI" versions --format csv | awk -F, '$3 == "6.12" { print $1 }')

for b in $C_BINS ${GO_BINS:+go-amd64 go-amd64-s go-amd64-pie}; do
	"$KABI" check --kernel 6.1 "$T/$b" --format csv >"$T/out" 2>"$T/err"
	eq "$b: fails on 6.1 (exit 1)" "$?" 1
	ok "$b: cachestat is missing on 6.1" grep -q "^cachestat,added later,451,<=$v612," "$T/out"
	eq "$b: passes on 6.12" "$(exit_code "$KABI" check --kernel 6.12 "$T/$b")" 0
	"$KABI" check --min "$T/$b" >"$T/out" 2>"$T/err"
	ok "$b --min: the oldest release is 6.12, set by cachestat" \
		grep -qE "x86_64: oldest: $v612 \(set by ([a-z_0-9]+, )*cachestat[,)]" "$T/out"
done
# arm64: `mov w0, #451` before `bl syscall` (the PLT entry, or the static
# function).  Debian's 6.1 has no arm64 table, so only 6.12 is asked.
for b in $A64_BINS; do
	"$KABI" check --kernel 6.12 "$T/$b" --format csv >"$T/out" 2>"$T/err"
	eq "$b: passes on 6.12" "$?" 0
	eq "$b: both constant calls named" "$(rows "$T/out" | grep -E '^(cachestat|mseal),' | sort)" \
		"cachestat,available,451
mseal,available,462"
done
case " $C_BINS " in *" libc-dyn "*)
	"$KABI" check --kernel 6.1 "$T/libc-dyn" --format csv >"$T/out" 2>/dev/null
	eq "libc-dyn: both constant calls named on 6.1" \
		"$(rows "$T/out" | grep -E '^(cachestat|mseal),' | sort)" \
		"cachestat,added later,451
mseal,added later,462" ;;
esac
case " $GO_BINS " in *" go-amd64 "*)
	for b in go-amd64 go-amd64-s go-amd64-pie; do
		"$KABI" check --kernel 6.12 "$T/$b" --format csv >"$T/out" 2>/dev/null
		for s in read:0 write:1 mmap:9 clone:56 futex:202 exit_group:231 openat:257 getpid:39; do
			ok "$b: ${s%:*} (${s#*:}) on 6.12" grep -q "^${s%:*},available,${s#*:}," "$T/out"
		done
	done
	eq "stripped: the same syscalls as with .symtab" \
		"$("$KABI" check --kernel 6.12 "$T/go-amd64-s" --format csv | rows /dev/stdin | sort)" \
		"$("$KABI" check --kernel 6.12 "$T/go-amd64" --format csv | rows /dev/stdin | sort)"
	for b in go-arm64 go-arm64-s; do
		"$KABI" check --kernel 6.12 "$T/$b" --format csv >"$T/out" 2>/dev/null
		eq "$b: passes on 6.12" "$?" 0
		ok "$b: the arm64 ABI from the header" grep -q "^$T/$b,elf,arm64," "$T/out"
		ok "$b: syscall.Syscall(451, ...) found" grep -q "^cachestat,available,451," "$T/out"
		for s in read:63 write:64 mmap:222 clone:220 exit_group:94 getpid:172; do
			ok "$b: ${s%:*} (${s#*:})" grep -q "^${s%:*},available,${s#*:}," "$T/out"
		done
	done ;;
esac
finish
