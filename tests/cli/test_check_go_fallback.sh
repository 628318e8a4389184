#!/bin/bash
# kabi check on Go binaries: the syscalls Go's runtime and standard library
# try first and fall back from are optional (query/go_syscalls.c), the rest
# required, and only for binaries built by the Go release the table was
# read in (go1.19, Debian 12's golang-go).
#
# Go 1.19 facts (its sources, src/ of golang-1.19-src):
#  - crypto/rand.Read calls internal/syscall/unix.GetRandom (getrandom) and
#    on any error opens /dev/urandom (openat) and reads it (read).
#  - (*os.File).ReadFrom, which io.Copy between two files uses, calls
#    internal/syscall/unix.CopyFileRange (copy_file_range) and, when the
#    kernel lacks it (or is older than 5.3, asked with uname), copies with
#    read and write.
#  - syscall.Faccessat makes faccessat (fstatat with flags), never
#    faccessat2.
#  - the runtime's netpoll tries epoll_create1, then epoll_create (x86_64);
#    os/exec's Wait tries waitid and goes on without it (to wait4).
#  - arm64: syscall.Getrlimit/Setrlimit (called at start-up by os) try
#    prlimit64, then getrlimit/setrlimit.
# Kernel facts (x86_64 numbers): getrandom (318) came in 3.17,
# copy_file_range (326) in 4.5, kcmp (312) in 3.5; faccessat, epoll_create1,
# waitid, read, write and openat are 2.6-era, so on 3.4 and 3.10 and later.
# The catalog is the 13 releases of ../shared/data/real-tables: v3.4.108,
# v3.10.105, v4.4.121, v4.9.124 ...; arm64 first in v6.12.117.  Every
# expected value below comes from these facts, not from kabi's output.
. "$(dirname "$0")/../lib/testlib.sh"
have go || skip "no go (Debian: golang-go)"
[ "$(uname -m)" = x86_64 ] || skip "needs x86_64"
DATA="${KABI_SHARED:-$KABI_SRC/../shared}/data"
[ -d "$DATA/real-tables" ] || skip "no $DATA/real-tables (../shared is not beside the project)"
govers=$(go env GOVERSION 2>/dev/null)
case $govers in go1.19 | go1.19.*) ;; *) skip "go is $govers, the table is Go 1.19's" ;; esac

rows() {   # rows FILE: "syscall,status,need,alt" of a CSV check output's table
	grep -E '^[#a-z_0-9]+,[a-z ]+,[0-9]*,' "$1" | sed 's/"//g' | cut -d, -f1,2,6,7-
}
row() {   # row FILE NAME
	rows "$1" | grep "^$2," || echo "(no $2)"
}

# ---- the programs ---------------------------------------------------------
mkdir -p "$T/go/all" "$T/go/kcmp"
printf 'module kabitest\n\ngo 1.17\n' >"$T/go/go.mod"
cat >"$T/go/all/main.go" <<'EOF'
package main

import (
	"crypto/rand"
	"fmt"
	"io"
	"os"
	"os/exec"
	"syscall"
)

func main() {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		os.Exit(1)
	}
	src, err := os.Open(os.Args[0])
	if err != nil {
		os.Exit(1)
	}
	dst, err := os.CreateTemp("", "kabi-go")
	if err != nil {
		os.Exit(1)
	}
	defer os.Remove(dst.Name())
	n, err := io.Copy(dst, src)
	fa := syscall.Faccessat(0, "/", 4, 0)
	run := exec.Command("/bin/true").Run()
	fmt.Println(n > 0, err, fa, run)
}
EOF
# kcmp (312 on x86_64, 3.5+) made directly: no fallback; pid -1 fails at once
cat >"$T/go/kcmp/main.go" <<'EOF'
package main

import (
	"crypto/rand"
	"fmt"
	"syscall"
)

func main() {
	b := make([]byte, 8)
	_, err := rand.Read(b)
	_, _, e := syscall.Syscall6(312, ^uintptr(0), ^uintptr(0), 0, 0, 0, 0)
	fmt.Println(err, e)
}
EOF
gobuild() {   # gobuild GOARCH PKG OUT [FLAG...]
	local arch=$1 pkg=$2 out=$3
	shift 3
	(cd "$T/go" && env GOCACHE="$T/gocache" GOPATH="$T/gopath" GOFLAGS=-mod=mod GOPROXY=off \
		GOTOOLCHAIN=local GOTELEMETRY=off CGO_ENABLED=0 GOOS=linux GOARCH="$arch" \
		go build "$@" -o "$out" "./$pkg")
}
gobuild amd64 all "$T/all" && gobuild amd64 all "$T/all-s" -ldflags=-s &&
	gobuild amd64 all "$T/all-pie" -buildmode=pie -ldflags=-s && gobuild amd64 kcmp "$T/kcmp" &&
	gobuild arm64 all "$T/all-arm64" -ldflags=-s
eq "the Go programs build" "$?" 0
ok "the program runs here" bash -c "'$T/all' | grep -q '^true <nil> <nil> <nil>$'"

bash "$KABI_SRC/scripts/prepare-real-tables-repo.sh" "$DATA" "$T/rt" >/dev/null 2>&1 ||
	{ echo "FAIL: cannot assemble the repository"; exit 1; }
export KABI_DB="$T/rt.db"
"$KABI" harvest "$T/rt" 2>/dev/null
eq "real-tables harvest exits 0" "$?" 0

# ---- the roles --------------------------------------------------------------
for b in all all-s all-pie; do
	"$KABI" check --kernel v3.10.105 "$T/$b" --format csv >"$T/out" 2>"$T/err"
	eq "$b on 3.10: exit 0" "$?" 0
	eq "$b: getrandom optional, /dev/urandom instead" "$(row "$T/out" getrandom)" \
		"getrandom,added later,optional,openat,read"
	eq "$b: copy_file_range optional, read and write instead" "$(row "$T/out" copy_file_range)" \
		"copy_file_range,added later,optional,read,write"
	eq "$b: epoll_create1 optional, epoll_create instead" "$(row "$T/out" epoll_create1)" \
		"epoll_create1,available,optional,epoll_create"
	eq "$b: epoll_create only a fallback" "$(row "$T/out" epoll_create)" \
		"epoll_create,available,fallback,epoll_create1"
	eq "$b: waitid optional, nothing instead" "$(row "$T/out" waitid)" "waitid,available,optional,none"
	eq "$b: faccessat required" "$(row "$T/out" faccessat)" "faccessat,available,required,"
	eq "$b: read required (the runtime makes it)" "$(row "$T/out" read)" "read,available,required,"
	ok "$b: Go 1.19 never makes faccessat2" bash -c "! grep -q '^faccessat2,' '$T/out'"
	ok "$b: no note (go1.19)" bash -c "! grep -q 'note:' '$T/err'"
done

# ---- the verdicts -------------------------------------------------------------
"$KABI" check --kernel v3.10.105 "$T/all" >"$T/out" 2>"$T/err"
ok "3.10: runs with fallbacks, both named" \
	grep -qE "x86_64 at v3.10.105: runs with fallbacks: 2 of [0-9]+ syscalls not available, used instead: (copy_file_range -> read,write, getrandom -> openat,read|getrandom -> openat,read, copy_file_range -> read,write)(;|$)" "$T/out"
"$KABI" check --kernel v3.4.108 "$T/all" >"$T/out" 2>"$T/err"
eq "3.4: exit 0 (nothing required is missing)" "$?" 0
ok "3.4: runs with fallbacks" grep -qE "x86_64 at v3.4.108: runs with fallbacks: 2 of [0-9]+ syscalls not available" "$T/out"
"$KABI" check --kernel v4.4.121 "$T/all" >"$T/out" 2>"$T/err"
ok "4.4 has getrandom: only copy_file_range falls back" \
	grep -qE "x86_64 at v4.4.121: runs with fallbacks: 1 of [0-9]+ syscalls not available, used instead: copy_file_range -> read,write(;|$)" "$T/out"
"$KABI" check --kernel v4.9.124 "$T/all" >"$T/out" 2>"$T/err"
ok "4.9 has both: runs" grep -qE "x86_64 at v4.9.124: runs: all [0-9]+ syscalls available(;|$)" "$T/out"
"$KABI" check --min "$T/all" >"$T/out" 2>"$T/err"
ok "--min: runs from the oldest release, without fallbacks from 4.9 (copy_file_range)" \
	grep -q "x86_64: oldest: v3.4.108 (oldest in the catalog); newest: v7.1.5 (newest in the catalog); without fallbacks: oldest: v4.9.124 (set by copy_file_range)" "$T/out"

"$KABI" check --kernel v3.4.108 "$T/kcmp" >"$T/out" 2>"$T/err"
eq "kcmp made directly, on 3.4: does not run (exit 1)" "$?" 1
ok "... naming kcmp, getrandom's fallback told" \
	grep -qE "x86_64 at v3.4.108: does not run: 1 of [0-9]+ syscalls not available: kcmp \(added later; call to syscall.Syscall6 at 0x[0-9a-f]+\); with fallbacks: getrandom -> openat,read" "$T/out"
"$KABI" check --kernel v3.10.105 "$T/kcmp" >"$T/out" 2>"$T/err"
eq "kcmp on 3.10: exit 0" "$?" 0
ok "... runs with fallbacks: getrandom -> openat,read" \
	grep -qE "x86_64 at v3.10.105: runs with fallbacks: 1 of [0-9]+ syscalls not available, used instead: getrandom -> openat,read(;|$)" "$T/out"

# ---- arm64: prlimit64 first; both epoll stubs make epoll_create1 -----------------
"$KABI" check --kernel v6.12.117 --format csv "$T/all-arm64" >"$T/out" 2>"$T/err"
eq "arm64 on 6.12: exit 0" "$?" 0
eq "arm64: prlimit64 optional, getrlimit and setrlimit instead" "$(row "$T/out" prlimit64)" \
	"prlimit64,available,optional,getrlimit,setrlimit"
eq "arm64: getrlimit only a fallback" "$(row "$T/out" getrlimit)" "getrlimit,available,fallback,prlimit64"
eq "arm64: getrandom optional" "$(row "$T/out" getrandom)" "getrandom,available,optional,openat,read"
eq "arm64: epoll_create1 required (no epoll_create there)" "$(row "$T/out" epoll_create1)" \
	"epoll_create1,available,required,"

# ---- another Go release: the table is not applied, and a note says so ---------
python3 - "$T/all" "$T/all-go120" "$T/all-nover" <<'EOF'
import sys
b = open(sys.argv[1], 'rb').read()
i = b.find(b'\xff Go buildinf:')
j = b.find(b'go1.19', i)
assert 0 <= i < j < i + 64
open(sys.argv[2], 'wb').write(b[:j] + b'go1.20' + b[j + 6:])
open(sys.argv[3], 'wb').write(b[:i] + b'\0' * 14 + b[i + 14:])
EOF
eq "the binaries are patched" "$?" 0
"$KABI" check --kernel v3.10.105 "$T/all-go120" >"$T/out" 2>"$T/err"
eq "built by go1.20: on 3.10 does not run (exit 1)" "$?" 1
ok "... getrandom and copy_file_range required" \
	grep -qE "does not run: 2 of [0-9]+ syscalls not available: (copy_file_range|getrandom) \(added later" "$T/out"
ok "... and a note says why" grep -q "note: '$T/all-go120': built by go1.20.*; kabi knows Go's fallbacks for go1.19 only" "$T/err"
"$KABI" check --kernel v3.10.105 "$T/all-nover" >"$T/out" 2>"$T/err"
eq "no build information: exit 1" "$?" 1
ok "... the note says the release is unknown" grep -q "note: '$T/all-nover': built by an unknown Go release" "$T/err"
mkdir -p "$T/dir/bin" && cp "$T/all-go120" "$T/dir/bin/x"
"$KABI" check --kernel v6.1.192 "$T/dir" >"$T/out" 2>"$T/err"
ok "a directory: the note names the file" grep -q "note: '$T/dir': 'bin/x': built by go1.20" "$T/err"
finish
