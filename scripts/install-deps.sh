#!/bin/bash
# install-deps.sh [--test] [PACKAGE...]
#
# Installs what kabi needs to build and run, with apt-get (Debian 12), as root or
# through sudo.  --test adds what the test suite needs; further arguments are
# extra packages.  Idempotent: when everything is installed already it does
# nothing (one dpkg-query, no apt-get).
set -euo pipefail

say() { printf 'install-deps: %s\n' "$*" >&2; }

PKGS=(build-essential cmake pkg-config git libgit2-dev zlib1g-dev libsqlite3-dev libxml2-dev
	libxml2-utils sqlite3 xz-utils strace ca-certificates)
# The tests also need: clang (builds the test ELF binaries for `kabi check`
# alongside gcc), strace (real strace logs), and an aarch64 cross compiler
# where Debian has one.  The cross *header* packages are not installed:
# scripts/prepare-cross-headers.sh downloads and unpacks them into the cache.
# chromium drives the published site in a real browser (with the system
# node and npm, tests/cli/test_publish_browser.sh installs playwright-core).
# golang-go builds the Go programs of tests/cli/test_check_go.sh (Debian
# 12's Go 1.19: an 81 MB download that installs in about 15 seconds).
TEST_PKGS=(clang strace gcc-aarch64-linux-gnu chromium golang-go)
OPTIONAL=(gcc-aarch64-linux-gnu chromium golang-go)    # skipped, with a note, where it does not exist

for arg in "$@"; do
	case $arg in
	--test) PKGS+=("${TEST_PKGS[@]}") ;;
	-h | --help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) say "unknown option $arg"; exit 2 ;;
	*) PKGS+=("$arg") ;;
	esac
done

missing() { # prints the packages of "$@" that are not installed
	local p st
	for p in "$@"; do
		st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
		[[ $st == installed ]] || printf '%s\n' "$p"
	done
}

mapfile -t MISSING < <(missing "${PKGS[@]}" | sort -u)
((${#MISSING[@]} == 0)) && exit 0

if [[ $(id -u) == 0 ]]; then
	SUDO=()
elif command -v sudo >/dev/null; then
	SUDO=(sudo)
else
	say "need root to install: ${MISSING[*]} (run as root, or install sudo)"
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive

have_lists() { compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; }
updated=0
if ! have_lists; then
	say "apt-get update"
	"${SUDO[@]}" apt-get update -q >&2
	updated=1
fi

# Optional packages that this archive does not have are dropped, not fatal.
WANT=()
for p in "${MISSING[@]}"; do
	if [[ " ${OPTIONAL[*]} " == *" $p "* ]] && ! apt-cache show "$p" >/dev/null 2>&1; then
		say "note: $p is not available here; skipping it"
		continue
	fi
	WANT+=("$p")
done
((${#WANT[@]} == 0)) && exit 0

say "installing: ${WANT[*]}"
install() { "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${WANT[@]}" >&2; }
if ! install; then
	((updated)) && exit 1
	say "retrying after apt-get update"
	"${SUDO[@]}" apt-get update -q >&2
	install
fi
