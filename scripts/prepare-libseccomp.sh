#!/bin/bash
# prepare-libseccomp.sh [CACHE_DIR]
#
# Downloads the source of the libseccomp Debian 12 ships (the upstream
# tarball of the libseccomp-dev candidate version, checked against the
# SHA-256 in its .dsc) and gperf (which libseccomp's build runs on
# syscalls.csv), with apt's own downloader, nothing installed: the source
# is unpacked into CACHE_DIR/libseccomp-VERSION (timestamps kept, so that
# its build never reruns autotools) and gperf into CACHE_DIR/gperf.
# tests/cli/test_export_libseccomp.sh builds libseccomp with kabi's file.
# Cached: nothing is downloaded when both are there.
#
# stdout: KABI_LIBSECCOMP_SRC=/abs/path  KABI_GPERF=/abs/path/gperf (for eval)
set -euo pipefail

say() { printf 'prepare-libseccomp: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

CACHE=${1:-./cache}
mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd)
HELPER=/usr/lib/apt/apt-helper
[[ -x $HELPER ]] || die "no $HELPER (apt's downloader)"

exec 9>"$CACHE/.prepare-libseccomp.lock"
flock 9

# The version: libseccomp-dev's candidate ("2.5.4-1+deb12u1"), the upstream
# part of it, and the mirror apt uses for Debian.
ver=$(apt-cache policy libseccomp-dev 2>/dev/null | awk '/Candidate:/ { print $2 }')
[[ -n $ver && $ver != "(none)" ]] || die "apt knows no libseccomp-dev (apt-get update?)"
up=${ver#*:}
up=${up%-*}
src=$CACHE/libseccomp-$up
gperf=$CACHE/gperf/usr/bin/gperf
if [[ ! -x $src/configure ]]; then
	mirror=$(grep -rhoE '(URIs:|^deb) +https?://[^ ]*/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null |
		grep -v security | awk 'NR == 1 { print $2 }' || true)
	mirror=${mirror%/}
	[[ -n $mirror ]] || mirror=http://deb.debian.org/debian
	pool=$mirror/pool/main/libs/libseccomp
	tmp=$(mktemp -d "$CACHE/.libseccomp.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	say "downloading libseccomp $ver from $pool"
	"$HELPER" download-file "$pool/libseccomp_$ver.dsc" "$tmp/dsc" >/dev/null 2>&1 ||
		die "cannot download $pool/libseccomp_$ver.dsc"
	sum=$(awk -v f="libseccomp_$up.orig.tar.gz" '/^Checksums-Sha256:/ { on = 1; next } /^[^ ]/ { on = 0 }
		on && $3 == f { print $1 }' "$tmp/dsc")
	[[ -n $sum ]] || die "no SHA-256 of libseccomp_$up.orig.tar.gz in the .dsc"
	"$HELPER" download-file "$pool/libseccomp_$up.orig.tar.gz" "$tmp/orig.tar.gz" "SHA256:$sum" >/dev/null 2>&1 ||
		die "cannot download $pool/libseccomp_$up.orig.tar.gz (or its SHA-256 differs)"
	tar -C "$tmp" -xzf "$tmp/orig.tar.gz"
	[[ -x $tmp/libseccomp-$up/configure ]] || die "no libseccomp-$up/configure in the tarball"
	rm -rf "$src"
	mv "$tmp/libseccomp-$up" "$src"
fi
if [[ ! -x $gperf ]]; then
	say "downloading gperf"
	mkdir -p "$CACHE/gperf-deb"
	(cd "$CACHE/gperf-deb" && rm -f gperf_*.deb && apt-get download gperf >/dev/null 2>&1) ||
		die "cannot download gperf (apt-get download gperf)"
	dpkg-deb -x "$CACHE"/gperf-deb/gperf_*.deb "$CACHE/gperf"
	[[ -x $gperf ]] || die "no usr/bin/gperf in the gperf package"
fi
printf 'KABI_LIBSECCOMP_SRC=%s\nKABI_GPERF=%s\n' "$src" "$gperf"
