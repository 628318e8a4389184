#!/bin/bash
# kabi's seccomp-csv in libseccomp's own build: the libseccomp Debian 12
# ships (2.5.4; scripts/prepare-libseccomp.sh downloads its source and
# gperf, nothing installed) is built with kabi's file in place of its
# src/syscalls.csv, written with --libseccomp-header from that source's
# seccomp.h (2.5: no _kver columns, no loongarch64/m68k/sh), from Debian's
# 6.1 catalog.  Then libseccomp's own checks: src/arch-syscall-check (the
# file's names against include/seccomp-syscalls.h) and regression batches
# that resolve names and numbers on every architecture.
#
# Kernel facts behind the expected differences with libseccomp's own file
# (generated at 5.17): no syscall was added between 5.17 and 6.1 but
# memfd_secret on riscv (its uapi unistd.h defines __ARCH_WANT_MEMFD_SECRET
# at 6.1); parisc's _llseek 140 is a 32-bit slot only ("140 32 _llseek" in
# its 6.1 syscall.tbl), so parisc64 has none.  The ARM private syscalls
# (__ARM_NR_breakpoint ... 0x0f0001+) are rows of kabi's arm table, as of
# libseccomp's file.
. "$(dirname "$0")/../lib/testlib.sh"
debian_db "$T/deb.db" || skip "no Debian catalog (KABI_DEBIAN_REPO)"
CACHE=${KABI_CACHE:-$KABI_SRC/cache}
eval "$(bash "$KABI_SRC/scripts/prepare-libseccomp.sh" "$CACHE" 2>"$T/prep.err")" ||
	skip "cannot fetch libseccomp's source or gperf: $(tail -1 "$T/prep.err")"
v61=$(sqlite3 "$T/deb.db" "SELECT name FROM release WHERE major = 6 AND minor = 1")

# The file for that libseccomp: its columns, no _kver.
cp -a "$KABI_LIBSECCOMP_SRC" "$T/ls"
"$KABI" export --db "$T/deb.db" --format seccomp-csv --at "$v61" \
	--libseccomp-header "$T/ls/include/seccomp.h.in" >"$T/kabi.csv"
eq "export with a 2.5 header exits 0" "$?" 0
eq "libseccomp 2.5's columns, no _kver" "$(head -1 "$T/kabi.csv" | cut -d, -f2-)" \
	"$(head -1 "$T/ls/src/syscalls.csv" | cut -d, -f2-)"
eq "every other row as libseccomp's own, but the known differences" \
	"$(diff <(tail -n +2 "$T/ls/src/syscalls.csv") <(tail -n +2 "$T/kabi.csv") | grep '^[<>]')" "$(cat <<'LIST'
< _llseek,140,PNR,PNR,140,PNR,140,PNR,PNR,140,140,140,140,PNR,140,PNR
> _llseek,140,PNR,PNR,140,PNR,140,PNR,PNR,140,PNR,140,140,PNR,140,PNR
< memfd_secret,447,447,447,PNR,447,PNR,PNR,PNR,PNR,PNR,PNR,PNR,PNR,PNR,PNR
> memfd_secret,447,447,447,PNR,447,PNR,PNR,PNR,PNR,PNR,PNR,PNR,447,PNR,PNR
LIST
)"

# libseccomp built with kabi's file.
cp "$T/kabi.csv" "$T/ls/src/syscalls.csv"
(cd "$T/ls" && PATH=$(dirname "$KABI_GPERF"):$PATH && ./configure -q >"$T/build.log" 2>&1 &&
	PATH=$(dirname "$KABI_GPERF"):$PATH make -s -j2 >>"$T/build.log" 2>&1)
eq "libseccomp builds with kabi's syscalls.csv" "$?" 0
(cd "$T/ls/src" && ./arch-syscall-check) >"$T/check.out" 2>&1
eq "arch-syscall-check: no syscall is missing (the ARM private ones are arm rows)" \
	"$(grep '^+[a-z_0-9]*$' "$T/check.out" | tr '\n' ' ')" ""
# Regression batches that resolve syscall names and numbers on every ABI.
(cd "$T/ls/tests" && make -s -j2 check-build >>"$T/build.log" 2>&1 &&
	./regression -b 15-basic-resolver -b 16-sim-arch_basic -b 36-sim-ipc_syscalls >"$T/reg.out" 2>&1)
eq "the regression batches run" "$?" 0
ok "regression: tests passed" grep -Eq '^ tests passed: [1-9][0-9]*$' "$T/reg.out"
eq "regression: none failed" "$(grep -E '^ tests (failed|errored):' "$T/reg.out" | awk '{ s += $3 } END { print s + 0 }')" 0
finish
