#!/bin/bash
# kabi export --format go|musl|glibc|rust against the consumers' real files,
# from Debian 12's packages (fetched with apt-get download, unpacked with
# dpkg-deb -x under $T: nothing is installed), on the Debian 6.1/6.12
# catalog.  Each consumer file came from a kernel of about 6.0 (Go's x/sys
# 0.3.0), 5.13 (musl 1.2.3), 5.19 (glibc 2.36) or is kept by hand (Rust's
# libc 0.2.139), so kabi's side is the 6.1 table, the nearest release.
# Every name both have must have the same number, and every other
# difference is listed here and explained in docs/formats.md ("The
# consumers' files"); a difference not in the lists fails the test.
# Each format is also checked for every ABI at both releases: its names
# and numbers are the table's, and it goes through its consumer's tool
# (gofmt and go build, gcc, rustc) where that tool is here.
. "$(dirname "$0")/../lib/testlib.sh"
[ -n "${KABI_DEBIAN_REPO:-}" ] && [ -d "$KABI_DEBIAN_REPO" ] ||
	skip "KABI_DEBIAN_REPO is not set (make test sets it; or scripts/prepare-debian-repo.sh)"
have apt-get && have dpkg-deb || skip "no apt-get/dpkg-deb to fetch Debian's packages"
debian_db "$T/k.db"
eq "harvest exits 0" "$?" 0
OLD=v6.1.192
NEW=v6.12.118
X="$T/x"
mkdir -p "$T/deb" "$X"
# fetch PACKAGE: downloads and unpacks it under $X; 1 when it cannot.
fetch() {
	(cd "$T/deb" && apt-get download "$1" >"$T/deb/$1.log" 2>&1) || return 1
	dpkg-deb -x "$T/deb/$1"_*.deb "$X" && echo "$1 $(dpkg-deb -f "$T/deb/$1"_*.deb Version)"
}
FETCHED=0

# pairs FILE: "name number" per constant, sorted; numbers evaluated
# ("4000 + 3", "__X32_SYSCALL_BIT + 0"), Go's names in lower case.
pairs() {
	sed -n -e 's/^\t\(SYS_[A-Z0-9_]*\) *= \([0-9]*\)$/\1 \2/p' \
		-e 's/^#define \(__NR_[A-Za-z0-9_]*\)[ \t][ \t]*\([0-9][0-9]*\)$/\1 \2/p' \
		-e 's/^#define \(SYS_[A-Za-z0-9_]*\)[ \t][ \t]*\([0-9][0-9]*\)$/\1 \2/p' \
		-e 's/^pub const \(SYS_[A-Za-z0-9_]*\): ::c_[a-z]* = \([^;]*\);.*/\1 \2/p' "$1" |
		awk '{ v = $0; sub(/^[^ ]* /, "", v); gsub(/__X32_SYSCALL_BIT/, "1073741824", v)
			n = split(v, a, / *[+] */); s = 0; for (i = 1; i <= n; i++) s += a[i]
			print $1, s }' | LC_ALL=C sort
}
# cmp_pairs KABI THEIRS: "differ NAME ours theirs", "only-kabi NAME NR",
# "only-theirs NAME NR"; both files are pairs output.
cmp_pairs() {
	LC_ALL=C join -a1 -a2 -e- -o 0,1.2,2.2 "$1" "$2" | awk '
		$3 == "-" { print "only-kabi", $1, $2; next }
		$2 == "-" { print "only-theirs", $1, $3; next }
		$2 != $3 { print "differ", $1, $2, $3 }'
}
# table_pairs ABI REL [go]: the table's "name nr" for C-identifier names
# but the private ones (ARM's __ARM_NR_*, which none of these call __NR_/SYS_);
# go: upper case with SYS_, slots above 999 left out (mksysnum.go's rule);
# generic: and asm-generic's slot 79 is SYS_FSTATAT, as x/sys names it.
table_pairs() {
	local base
	base=$(sqlite3 "$T/k.db" "SELECT base FROM abi WHERE name = '$1'")
	"$KABI" table --db "$T/k.db" --abi "$1" --at "$2" --format csv |
		awk -F, -v go="${3:-}" -v base="$base" 'NR > 1 && $2 ~ /^[A-Za-z_][A-Za-z0-9_]*$/ && $8 == 0 {
			if (go == "") { print $2, $1; next }
			if (go == "generic" && $2 == "newfstatat") $2 = "fstatat"
			if ($1 - base <= 999) print "SYS_" toupper($2), $1 }' | LC_ALL=C sort
}
ABIS=$(sqlite3 "$T/k.db" "SELECT DISTINCT a.name FROM abi_release ar JOIN abi a ON a.id = ar.abi_id ORDER BY 1")

# --- every ABI, both releases: the names and numbers are the table's ----------
for rel in $OLD $NEW; do
	for abi in $ABIS; do
		"$KABI" export --db "$T/k.db" --format go --abi "$abi" --at "$rel" -o "$T/$abi-$rel.go" 2>/dev/null || continue
		for f in musl glibc rust; do
			"$KABI" export --db "$T/k.db" --format $f --abi "$abi" --at "$rel" -o "$T/$abi-$rel.$f"
		done
		table_pairs "$abi" "$rel" >"$T/t.pairs"
		case $abi in arm64 | riscv64 | loongarch64) g=generic ;; *) g=go ;; esac
		table_pairs "$abi" "$rel" $g >"$T/tg.pairs"
		bad=""
		cmp -s <(pairs "$T/$abi-$rel.go") "$T/tg.pairs" || bad="$bad go"
		# glibc's list has no placeholder names (mips o32 unused59, unused109)
		grep -Ev '^(unused|reserved)[0-9]+ ' "$T/t.pairs" >"$T/tp.pairs"
		cmp -s <(pairs "$T/$abi-$rel.glibc" | sed 's/^__NR_//') "$T/tp.pairs" || bad="$bad glibc"
		cmp -s <(pairs "$T/$abi-$rel.rust" | sed 's/^SYS_//') "$T/t.pairs" || bad="$bad rust"
		cmp -s <(pairs "$T/$abi-$rel.musl" | grep '^__NR_' | sed 's/^__NR_//') "$T/t.pairs" || bad="$bad musl"
		cmp -s <(pairs "$T/$abi-$rel.musl" | grep '^SYS_' | sed 's/^SYS_//') "$T/t.pairs" || bad="$bad musl-SYS"
		eq "$abi $rel: go, musl, glibc and rust have the table's names and numbers" "$bad" ""
		eq "$abi $rel: glibc layout: a comment, then #define __NR_x N sorted by name" \
			"$(sed 1d "$T/$abi-$rel.glibc" | grep -cv '^#define __NR_[A-Za-z0-9_]* [0-9][0-9]*$')
$(sed 1d "$T/$abi-$rel.glibc" | LC_ALL=C sort -c 2>&1)" "0
"
		# (arm: musl's __ARM_NR_ block, after an empty line, between them)
		eq "$abi $rel: musl: the __NR_ block, an empty line, the SYS_ block in the same order" \
			"$(grep -v '^#define __ARM_NR_' "$T/$abi-$rel.musl" | cat -s | grep -n '^$' | cut -d: -f1) $(grep '^#define __NR_' "$T/$abi-$rel.musl" | cut -f1 | sed 's/__NR_/SYS_/' | md5sum)" \
			"$(($(grep -c '^#define __NR_' "$T/$abi-$rel.musl") + 2)) $(grep '^#define SYS_' "$T/$abi-$rel.musl" | cut -f1 | md5sum)"
		for f in musl glibc; do
			{
				echo '#include "in.h"'
				sed 's/^\([^ ]*\) \(.*\)/_Static_assert(__NR_\1 == \2, "\1");/' \
					"$T/$([ $f = glibc ] && echo tp || echo t).pairs"
			} >"$T/sa.c"
			cp "$T/$abi-$rel.$f" "$T/in.h"
			ok "$abi $rel: $f header compiles, every __NR_x is the table's" \
				gcc -std=c11 -Wall -Wextra -Werror -c "$T/sa.c" -o "$T/sa.o"
		done
	done
done

if have gofmt; then
	eq "gofmt has nothing to change in any go export" "$(gofmt -l "$T"/*.go)" ""
else
	skip_part "no gofmt: the go exports' formatting is not checked"
fi
if have rustc; then
	{
		echo '#![allow(non_upper_case_globals, non_camel_case_types, dead_code)]'
		echo 'pub type c_long = i64;'
		for f in "$T"/*.rust; do
			m=$(basename "$f" .rust | tr -c 'A-Za-z0-9\n' _)
			echo "pub mod m_$m { pub const __X32_SYSCALL_BIT: ::c_long = 0x40000000; include!(\"$f\"); }"
		done
	} >"$T/lib.rs"
	ok "rustc compiles every rust export (edition 2015, ::c_long as libc has it)" \
		rustc --edition 2015 --crate-type lib --crate-name kabi_sys -o "$T/libkabi_sys.rlib" "$T/lib.rs"
else
	skip_part "no rustc: the rust exports are not compiled"
fi

# --- Go: golang.org/x/sys/unix's zsysnum_linux_<GOARCH>.go -------------------
if v=$(fetch golang-golang-x-sys-dev); then
	FETCHED=$((FETCHED + 1))
	echo "compared with $v"
	U="$X/usr/share/gocode/src/golang.org/x/sys/unix"
	# The files' constants, after "package unix": the same lines in the same
	# order but for the ones listed, which docs/formats.md explains.
	: >"$T/go.diff"
	for pair in 386:i386 amd64:x86_64 arm:arm arm64:arm64 loong64:loongarch64 mips:mips-o32 \
		mipsle:mips-o32 mips64:mips-n64 mips64le:mips-n64 ppc:powerpc ppc64:powerpc64 \
		ppc64le:powerpc64 riscv64:riscv64 s390x:s390x sparc64:sparc64; do
		ga=${pair%%:*} abi=${pair#*:}
		"$KABI" export --db "$T/k.db" --format go --abi "$abi" --at $OLD >"$T/z_$ga.go"
		diff <(sed '1,/^package unix$/d' "$T/z_$ga.go") <(sed '1,/^package unix$/d' "$U/zsysnum_linux_$ga.go") |
			sed -n 's/^\([<>]\)[ \t]*\([A-Z0-9_]*\) *= \([0-9]*\)$/\1 \2 \3/p' |
			awk -v ga="$ga" '{ print ga, ($1 == "<" ? "only-kabi" : "only-go"), $2, $3 }' >>"$T/go.diff"
		case $ga in mips* | ppc64*) ;; *)
			eq "go $ga: the build constraint is x/sys's" "$(sed -n '/^\/\/go:build/,/^$/p' "$T/z_$ga.go")" \
				"$(sed -n '/^\/\/go:build/,/^$/p' "$U/zsysnum_linux_$ga.go")" ;;
		esac
		cmp_pairs <(pairs "$T/z_$ga.go") <(pairs "$U/zsysnum_linux_$ga.go") | grep '^differ' >>"$T/go.numbers"
	done
	eq "go: no name has another number" "$(cat "$T/go.numbers")" ""
	eq "go: the other differences are the known ones" "$(cat "$T/go.diff")" "$(cat <<'LIST'
arm only-go SYS_SYSCALL_MASK 0
arm64 only-go SYS_ARCH_SPECIFIC_SYSCALL 244
loong64 only-kabi SYS_FSTATAT 79
loong64 only-kabi SYS_FSTAT 80
loong64 only-go SYS_ARCH_SPECIFIC_SYSCALL 244
mips only-go SYS_UNUSED18 4018
mips only-go SYS_UNUSED28 4028
mips only-go SYS_RESERVED82 4082
mips only-go SYS_UNUSED84 4084
mips only-go SYS_UNUSED150 4150
mips only-go SYS_RESERVED221 4221
mipsle only-go SYS_UNUSED18 4018
mipsle only-go SYS_UNUSED28 4028
mipsle only-go SYS_RESERVED82 4082
mipsle only-go SYS_UNUSED84 4084
mipsle only-go SYS_UNUSED150 4150
mipsle only-go SYS_RESERVED221 4221
mips64 only-go SYS_RESERVED177 5177
mips64 only-go SYS_RESERVED193 5193
mips64le only-go SYS_RESERVED177 5177
mips64le only-go SYS_RESERVED193 5193
riscv64 only-kabi SYS_RISCV_FLUSH_ICACHE 259
riscv64 only-go SYS_ARCH_SPECIFIC_SYSCALL 244
LIST
)"
	echo "go: $(grep -c . "$T/go.diff") line differences over 15 files, $(cat "$T"/z_*.go | grep -c '^	SYS_') kabi constants"
	# The package builds with kabi's file in place of its own: on the host
	# (amd64) and for arm64 (the asm-generic table).
	if have go; then
		mkdir -p "$T/gopath/src/golang.org/x"
		cp -r "$X/usr/share/gocode/src/golang.org/x/sys" "$T/gopath/src/golang.org/x/"
		for ga in amd64 arm64; do
			cp "$T/z_$ga.go" "$T/gopath/src/golang.org/x/sys/unix/zsysnum_linux_$ga.go"
			ok "go: golang.org/x/sys/unix builds for $ga with kabi's zsysnum_linux_$ga.go" \
				env GO111MODULE=off GOPATH="$T/gopath" GOCACHE="$T/gocache" GOFLAGS= GOOS=linux GOARCH=$ga \
				go build golang.org/x/sys/unix
		done
	else
		skip_part "no go: x/sys/unix is not built with kabi's files"
	fi
else
	skip_part "cannot fetch golang-golang-x-sys-dev: $(tail -n1 "$T/deb/golang-golang-x-sys-dev.log")"
fi

# --- musl: bits/syscall.h (Debian builds musl-dev for amd64 here) -----------
if v=$(fetch musl-dev); then
	FETCHED=$((FETCHED + 1))
	echo "compared with $v"
	M="$X/usr/include/x86_64-linux-musl/bits/syscall.h"
	"$KABI" export --db "$T/k.db" --format musl --abi x86_64 --at $OLD >"$T/musl.h"
	cmp_pairs <(pairs "$T/musl.h") <(pairs "$M") >"$T/musl.diff"
	eq "musl: no name has another number, musl has no name kabi lacks" "$(grep -v '^only-kabi' "$T/musl.diff")" ""
	eq "musl: the syscalls musl 1.2.3 has not picked up (5.14-5.17, and quotactl_fd)" \
		"$(awk '{ print $2 }' "$T/musl.diff" | tr '\n' ' ')" \
		"SYS_futex_waitv SYS_memfd_secret SYS_process_mrelease SYS_quotactl_fd SYS_set_mempolicy_home_node __NR_futex_waitv __NR_memfd_secret __NR_process_mrelease __NR_quotactl_fd __NR_set_mempolicy_home_node "
	eq "musl: the names in musl's order" \
		"$(grep -o '^#define [A-Za-z0-9_]*' "$T/musl.h" | grep -vwFf <(awk '{ print "#define " $2 }' "$T/musl.diff"))" \
		"$(grep -o '^#define [A-Za-z0-9_]*' "$M")"
	echo "musl: $(grep -c '^#define __NR_' "$M") of musl's names compared"
else
	skip_part "cannot fetch musl-dev: $(tail -n1 "$T/deb/musl-dev.log")"
fi

# --- glibc: arch-syscall.h's layout; names from libc6-dev's bits/syscall.h ---
if v=$(fetch libc6-dev); then
	FETCHED=$((FETCHED + 1))
	echo "compared with $v"
	GL="$X/usr/include/x86_64-linux-gnu/bits/syscall.h"
	ok "glibc: bits/syscall.h says its kernel" grep -q 'corresponds to kernel 5.19' "$GL"
	sed -n 's/^# define SYS_\([A-Za-z0-9_]*\) __NR_\1$/\1/p' "$GL" | LC_ALL=C sort >"$T/gl.names"
	# glibc's list is every name of every glibc port: each ABI's 6.1 names
	# are in it; at 6.12 only the syscalls that came after 6.1 are not.
	# glibc 2.36's ports (xtensa and parisc64 are not among them).
	for abi in x86_64 x32 i386 arm arm64 riscv64 riscv32 loongarch64 powerpc64 powerpc s390x s390 \
		mips-o32 mips-n32 mips-n64 sparc64 sparc alpha m68k sh microblaze csky openrisc nios2 arc \
		parisc ia64; do
		[ -s "$T/$abi-$OLD.glibc" ] || continue
		n() { sed -n 's/^#define __NR_\([A-Za-z0-9_]*\) .*/\1/p' "$1" | LC_ALL=C sort; }
		eq "glibc $abi $OLD: every name is in glibc 2.36's list" "$(n "$T/$abi-$OLD.glibc" | LC_ALL=C comm -23 - "$T/gl.names")" ""
		[ -s "$T/$abi-$NEW.glibc" ] || continue
		eq "glibc $abi $NEW: the names glibc 2.36 lacks came after 6.1" \
			"$(n "$T/$abi-$NEW.glibc" | LC_ALL=C comm -23 - "$T/gl.names" | LC_ALL=C comm -23 - <(n "$T/$abi-$OLD.glibc"))" \
			"$(n "$T/$abi-$NEW.glibc" | LC_ALL=C comm -23 - "$T/gl.names")"
	done
	# Numbers: glibc's arch-syscall.h holds the kernel's uapi numbers; the
	# x86_64 export next to this machine's <asm/unistd.h> (linux-libc-dev
	# 6.1): a macro redefined with another number fails -Werror.
	printf '#include <asm/unistd.h>\n#include "gl.h"\nint main(void) { return 0; }\n' >"$T/gl.c"
	cp "$T/x86_64-$OLD.glibc" "$T/gl.h"
	ok "glibc: x86_64 at 6.1 defines every __NR_ as <asm/unistd.h> does" \
		gcc -Wall -Werror -c "$T/gl.c" -o "$T/gl.o"
	echo "glibc: $(wc -l <"$T/gl.names") names in glibc 2.36's list"
else
	skip_part "cannot fetch libc6-dev: $(tail -n1 "$T/deb/libc6-dev.log")"
fi

# --- Rust: the libc crate's SYS_* constants ----------------------------------
if v=$(fetch librust-libc-dev); then
	FETCHED=$((FETCHED + 1))
	echo "compared with $v"
	L=$(echo "$X"/usr/share/cargo/registry/libc-*/src/unix/linux_like/linux)
	: >"$T/rust.diff"
	# spelling FILE: how the numbers are written, digits as N ("4000 + N").
	spelling() { sed -n 's/^pub const SYS_[A-Za-z0-9_]*: ::c_long = \([^;]*\);.*/\1/p' "$1" | sed 's/[0-9][0-9]*/N/g' | sort -u; }
	for pair in x86_64:gnu/b64/x86_64/not_x32.rs x32:gnu/b64/x86_64/x32.rs i386:gnu/b32/x86/mod.rs \
		arm:gnu/b32/arm/mod.rs arm64:gnu/b64/aarch64/mod.rs riscv64:gnu/b64/riscv64/mod.rs \
		riscv32:gnu/b32/riscv32/mod.rs loongarch64:gnu/b64/loongarch64/mod.rs \
		powerpc64:gnu/b64/powerpc64/mod.rs powerpc:gnu/b32/powerpc.rs s390x:gnu/b64/s390x.rs \
		mips-o32:gnu/b32/mips/mod.rs mips-n64:gnu/b64/mips64/mod.rs sparc64:gnu/b64/sparc64/mod.rs \
		sparc:gnu/b32/sparc/mod.rs m68k:gnu/b32/m68k/mod.rs; do
		abi=${pair%%:*} file=$L/${pair#*:}
		cmp_pairs <(pairs "$T/$abi-$OLD.rust" | sed 's/^SYS_//') <(pairs "$file" | sed 's/^SYS_//') |
			sed "s/^/$abi /" >>"$T/rust.diff"
		eq "rust $abi: the constants are written as libc writes them" \
			"$(spelling "$T/$abi-$OLD.rust")" "$(spelling "$file")"
	done
	# Explained by rule, each checked against the kernel's table here:
	# m68k: libc names the slots by their entry points (sys_chown at 198,
	# whose uapi name is chown32): its name is the entry of kabi's row there.
	"$KABI" table --db "$T/k.db" --abi m68k --at $OLD --format csv | awk -F, 'NR > 1 { print $1, $3 }' >"$T/m68k.entry"
	eq "rust m68k: every other number or name is an entry point's name" \
		"$(awk '$1 == "m68k" && ($2 == "differ" || $2 == "only-theirs") { print $3, ($2 == "differ" ? $5 : $4) }' "$T/rust.diff" |
			while read -r name nr; do grep -qx "$nr sys_$name" "$T/m68k.entry" || echo "$name $nr"; done)" ""
	# riscv32: libc copies riscv64's names (fcntl for fcntl64, clock_gettime
	# at 113, which rv32 does not have): riscv64's table has each.
	table_pairs riscv64 $OLD >"$T/rv64.pairs"
	eq "rust riscv32: every name only libc has is riscv64's, same number" \
		"$(awk '$1 == "riscv32" && $2 == "only-theirs" { print $3, $4 }' "$T/rust.diff" | LC_ALL=C sort |
			LC_ALL=C comm -23 - "$T/rv64.pairs")" ""
	eq "rust: the other names only libc has are ones the kernel reserves there" \
		"$(awk '$1 != "m68k" && $1 != "riscv32" && $2 != "only-kabi"' "$T/rust.diff" | LC_ALL=C sort)" "$(cat <<'LIST'
arm only-theirs memfd_secret 447
mips-n64 only-theirs memfd_secret 5447
mips-o32 only-theirs memfd_secret 4447
powerpc only-theirs memfd_secret 447
powerpc64 only-theirs memfd_secret 447
s390x only-theirs memfd_secret 447
sparc only-theirs clone3 435
sparc only-theirs memfd_secret 447
sparc64 only-theirs clone3 435
sparc64 only-theirs memfd_secret 447
LIST
)"
	echo "rust: $(grep -c '^[^ ]* only-kabi' "$T/rust.diff") syscalls libc has not picked up; per ABI:" \
		"$(awk '$2 == "only-kabi" { n[$1]++ } END { for (a in n) printf "%s %d, ", a, n[a] }' "$T/rust.diff")"
else
	skip_part "cannot fetch librust-libc-dev: $(tail -n1 "$T/deb/librust-libc-dev.log")"
fi
[ "$FETCHED" -gt 0 ] || skip "none of the consumers' packages could be fetched (apt-get download)"
finish
