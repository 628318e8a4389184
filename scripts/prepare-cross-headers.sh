#!/bin/bash
# prepare-cross-headers.sh [CACHE_DIR]
#
# Downloads Debian's linux-libc-dev-<arch>-cross packages (the user-space
# kernel headers the kernel build generates from its syscall tables, for every
# cross architecture Debian 12 has) into CACHE_DIR/cross-debs and unpacks them
# (dpkg-deb -x, no system install) into CACHE_DIR/cross, so that
# CACHE_DIR/cross/usr/<triplet>/include/asm/unistd*.h exist.  Cached: nothing
# is done when the unpacked set matches the downloadable versions.
#
# Progress goes to stderr: a line when the download and the unpacking start
# and end (with their seconds), and every PROGRESS_INTERVAL seconds (default
# 10) in between: the packages (and MB) downloaded, the packages unpacked.
#
# stdout: KABI_CROSS_ROOT=/abs/path/cross   (for eval)
set -euo pipefail

say() { printf 'prepare-cross-headers: %s\n' "$*" >&2; }
die() { ticker_stop; say "error: $*"; exit 1; }
. "$(dirname "${BASH_SOURCE[0]}")/progress.sh"
trap ticker_stop EXIT

CACHE=${1:-./cache}
mkdir -p "$CACHE/cross-debs"
CACHE=$(cd "$CACHE" && pwd)
ROOT=$CACHE/cross
DEBS=$CACHE/cross-debs
STAMP=.kabi-cross-packages          # "package version" lines, inside ROOT

exec 9>"$CACHE/.prepare-cross-headers.lock"
flock 9

# package -> version: from the apt lists, else from the cached .debs.
declare -A WANT
mapfile -t PKGS < <(apt-cache search --names-only '^linux-libc-dev-.*-cross$' 2>/dev/null | awk '{print $1}' | sort)
if ((${#PKGS[@]} > 0)); then
	# One apt-cache call for all of them: it costs ~0.5 s per call.
	while read -r pkg ver; do
		[[ $ver != "(none)" ]] && WANT[$pkg]=$ver
	done < <(apt-cache policy "${PKGS[@]}" 2>/dev/null |
		awk '/^[^ ].*:$/ {p = substr($0, 1, length($0) - 1)} /^  Candidate:/ {print p, $2}')
fi
if ((${#WANT[@]} == 0)); then
	for f in "$DEBS"/linux-libc-dev-*-cross_*.deb; do
		[[ -f $f ]] && WANT[$(dpkg-deb -f "$f" Package)]=$(dpkg-deb -f "$f" Version)
	done
fi
((${#WANT[@]} > 0)) || die "no linux-libc-dev-*-cross packages known (run apt-get update?)"

want_list() { for p in "${!WANT[@]}"; do printf '%s %s\n' "$p" "${WANT[$p]}"; done | sort; }

if [[ -f $ROOT/$STAMP ]] && [[ "$(want_list)" == "$(cat "$ROOT/$STAMP")" ]]; then
	printf 'KABI_CROSS_ROOT=%q\n' "$ROOT"
	exit 0
fi

deb_of() { # package version -> cached .deb path, or nothing
	local f
	for f in "$DEBS/${1}_"*.deb; do
		[[ -f $f && $(dpkg-deb -f "$f" Version) == "$2" ]] && { printf '%s\n' "$f"; return; }
	done
	return 0
}

need=()
for p in "${!WANT[@]}"; do
	[[ -n $(deb_of "$p" "${WANT[$p]}") ]] || need+=("$p=${WANT[$p]}")
done
# the .debs apt-get has finished so far, and their size
debs_so_far() {
	local n
	n=$(find "$DEBS" -maxdepth 1 -name '*.deb' -newer "$TMP_MARK" | wc -l)
	echo "$n of ${#need[@]} packages, $(find "$DEBS" -maxdepth 1 -newer "$TMP_MARK" -type f -printf '%s\n' |
		awk '{ s += $1 } END { print int(s / 1048576) }') MB"
}
if ((${#need[@]} > 0)); then
	step_begin "downloading ${#need[@]} packages"
	TMP_MARK=$CACHE/.cross-download-start
	: >"$TMP_MARK"
	ticker_start "downloading" debs_so_far
	opts=()
	[[ $(id -u) == 0 ]] && opts=(-o APT::Sandbox::User=root)   # see prepare-debian-repo.sh
	(cd "$DEBS" && apt-get download -q "${opts[@]}" "${need[@]}" >&2) || die "apt-get download failed"
	ticker_stop
	rm -f "$TMP_MARK"
	step_end "downloaded ${#need[@]} packages"
fi

TMP=$(mktemp -d "$CACHE/.cross.tmp.XXXXXX")
trap 'ticker_stop; rm -rf "$TMP"' EXIT
step_begin "unpacking ${#WANT[@]} packages"
k=0
last=$SECONDS
for p in "${!WANT[@]}"; do
	f=$(deb_of "$p" "${WANT[$p]}")
	[[ -n $f ]] || die "$p=${WANT[$p]} missing from $DEBS after download"
	dpkg-deb -x "$f" "$TMP"
	k=$((k + 1))
	if ((SECONDS - last >= PROGRESS_INTERVAL && k < ${#WANT[@]})); then
		say "  unpacking: $k of ${#WANT[@]} packages, $((SECONDS - STEP_START)) s"
		last=$SECONDS
	fi
done
want_list >"$TMP/$STAMP"
rm -rf "$ROOT.old"
[[ -e $ROOT ]] && mv "$ROOT" "$ROOT.old"
mv "$TMP" "$ROOT"
rm -rf "$ROOT.old"
trap ticker_stop EXIT
step_end "unpacked ${#WANT[@]} packages into $ROOT"
printf 'KABI_CROSS_ROOT=%q\n' "$ROOT"
