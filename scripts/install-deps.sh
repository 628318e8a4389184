#!/bin/bash
# install-deps.sh [--test] [--downloads CACHE_DIR] [PACKAGE...]
#
# Installs what kabi needs to build and run, with apt-get (Debian 12), as root or
# through sudo.  --test adds what the test suite needs; further arguments are
# extra packages.  --downloads checks, before any long step, that apt can
# download the Debian packages the demo (and with --test, the tests) read as
# data, or that CACHE_DIR already holds them; it says exactly what is missing.
# Idempotent: when everything is installed it installs nothing.
set -euo pipefail

say() { printf 'install-deps: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

PKGS=(build-essential cmake pkg-config git libgit2-dev zlib1g-dev libsqlite3-dev libxml2-dev
	libxml2-utils sqlite3 xz-utils strace ca-certificates)
# The tests also need:
# - clang (builds the test ELF binaries for `kabi check` alongside gcc) and
#   strace (real strace logs);
# - an aarch64 cross toolchain that can link: gcc-aarch64-linux-gnu only
#   *recommends* the arm64 C library and kernel headers, and we install
#   without recommends, so libc6-dev-arm64-cross (crt1.o, libc) and
#   linux-libc-dev-arm64-cross (<asm/unistd.h> for <sys/syscall.h>) are named;
# - chromium, nodejs and npm: the published site is driven in a real browser
#   by tests/browser/site.js (tests/browser/package.json pins playwright-core);
# - gcc-arm-linux-gnueabihf, gcc-riscv64-linux-gnu, gcc-powerpc64le-linux-gnu
#   and gcc-s390x-linux-gnu build the -nostdlib programs whose syscall
#   instructions tests/cli/test_check_cross_elf.sh and the ELF unit test
#   decode (no C library needed, so no libc6-dev-*-cross);
# - rustc: tests/cli/test_export_consumers.sh compiles the rust export;
# - gdb: tests/cli/test_export_gdb_groups.sh compares the gdb-xml export's
#   groups with gdb's own syscall files and runs gdb with kabi's file;
# - golang-go builds the Go programs of tests/cli/test_check_go.sh (Debian
#   12's Go 1.19: an 81 MB download that installs in about 15 seconds);
# - clang-format: tests/lint/test_format.sh checks the sources' format;
# - libclang-rt-14-dev: clang's sanitizer and libFuzzer runtimes (`make fuzz`);
# - man-db and bash-completion: tests/cli/test_install.sh reads the installed
#   man page with `man -l` and runs the bash completion.
# The cross *header* packages of every architecture are not installed:
# scripts/prepare-cross-headers.sh downloads and unpacks them into the cache.
TEST_PKGS=(clang strace gcc-aarch64-linux-gnu libc6-dev-arm64-cross linux-libc-dev-arm64-cross
	gcc-arm-linux-gnueabihf gcc-riscv64-linux-gnu gcc-powerpc64le-linux-gnu gcc-s390x-linux-gnu
	chromium nodejs npm golang-go rustc gdb man-db bash-completion libclang-rt-14-dev clang-format)

# The data the demo and the tests download with `apt-get download`
# (scripts/prepare-debian-repo.sh, scripts/prepare-cross-headers.sh).
DATA_PKGS=(linux-source-6.1 linux-source-6.12)
TEST_DATA_PKGS=(linux-libc-dev-arm64-cross linux-libc-dev-riscv64-cross linux-libc-dev-mips-cross)

# A command already on PATH satisfies its package, whoever installed it (a
# Node.js from another source ships its own npm, which Debian's npm conflicts with).
declare -A BY_COMMAND=([nodejs]=node [npm]=npm)

test=0
cache=
while (($#)); do
	case $1 in
	--test) test=1 ;;
	--downloads)
		(($# >= 2)) || die "--downloads needs the cache directory"
		cache=$2
		shift
		;;
	-h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) say "unknown option $1"; exit 2 ;;
	*) PKGS+=("$1") ;;
	esac
	shift
done
((test)) && PKGS+=("${TEST_PKGS[@]}")

if [[ $(id -u) == 0 ]]; then
	SUDO=()
elif command -v sudo >/dev/null; then
	SUDO=(sudo)
else
	SUDO=(false)
fi
export DEBIAN_FRONTEND=noninteractive

updated=0
apt_update() {
	say "apt-get update"
	"${SUDO[@]}" apt-get update -q >&2 || die "apt-get update failed (as root, or with sudo)"
	updated=1
}
have_lists() { compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; }

missing() { # prints the packages of "$@" that are not installed
	local p st c
	for p in "$@"; do
		c=${BY_COMMAND[$p]:-}
		[[ -n $c ]] && command -v "$c" >/dev/null && continue
		st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
		[[ $st == installed ]] || printf '%s\n' "$p"
	done
}

mapfile -t MISSING < <(missing "${PKGS[@]}" | sort -u)
if ((${#MISSING[@]} > 0)); then
	[[ ${SUDO[0]:-} == false ]] && die "need root to install: ${MISSING[*]} (run as root, or install sudo)"
	have_lists || apt_update
	say "installing: ${MISSING[*]}"
	install() { "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${MISSING[@]}" >&2; }
	if ! install; then
		((updated)) && exit 1
		say "retrying after apt-get update"
		apt_update
		install
	fi
fi

[[ -n $cache ]] || exit 0

# --- the downloads: known to apt, or already in the cache -------------------
want=("${DATA_PKGS[@]}")
((test)) && want+=("${TEST_DATA_PKGS[@]}")
cached() { compgen -G "$cache/debs/${1}_*.deb" >/dev/null || compgen -G "$cache/cross-debs/${1}_*.deb" >/dev/null; }
unknown() { # the packages of "$@" with no download candidate and no cached .deb
	local p cand
	for p in "$@"; do
		cached "$p" && continue
		cand=$(apt-cache policy "$p" 2>/dev/null | awk '/^  Candidate:/ {print $2}')
		[[ -n $cand && $cand != "(none)" ]] || printf '%s\n' "$p"
	done
}
mapfile -t NONE < <(unknown "${want[@]}")
if ((${#NONE[@]} > 0)) && ((!updated)); then
	[[ ${SUDO[0]:-} == false ]] || apt_update
	mapfile -t NONE < <(unknown "${want[@]}")
fi
((${#NONE[@]} == 0)) && exit 0

for p in "${NONE[@]}"; do
	case $p in
	linux-source-6.12 | linux-source-6.1)
		say "error: apt cannot download $p: Debian 12 publishes it in the bookworm-security suite."
		say "  Add that suite to the apt sources (as Debian's installer does: in /etc/apt/sources.list,"
		say "  a line 'deb <Debian security mirror> bookworm-security main'; or in"
		say "  /etc/apt/sources.list.d/debian.sources, a stanza with 'Suites: bookworm-security'),"
		say "  then run: apt-get update" ;;
	*)
		say "error: apt cannot download $p: it is in Debian 12's main component ('bookworm' suite);"
		say "  check /etc/apt/sources.list(.d) and run: apt-get update" ;;
	esac
done
say "(sources now: $(grep -hsE '^(deb |Suites:)' /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources | tr '\n' ';'))"
exit 1
