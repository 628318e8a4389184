#!/bin/bash
# prepare-real-tables-repo.sh SHARED_DATA_DIR OUT_REPO
#
# Turns SHARED_DATA_DIR/real-tables/<version>/ (real syscall tables at their
# original paths, one folder per release) into a git repository at OUT_REPO:
# one commit per release in version order (sort -V), each tagged v<version>.
# Each commit's tree holds exactly that release's files, plus a top-level
# Makefile with VERSION/PATCHLEVEL/SUBLEVEL/EXTRAVERSION from the folder name.
#
# A file whose whole content is one relative path that resolves, from the
# file's directory, to an existing file of the same release is a symbolic link
# flattened by a copy (arch/arm64/tools/syscall_64.tbl -> scripts/syscall.tbl
# from 6.11 on); it becomes a symbolic link again in the repository.
#
# Deterministic: fixed identity, commit N dated 2020-01-01 + N days, so the
# same input always gives the same commit ids.  OUT_REPO is replaced.
set -euo pipefail

die() { printf 'prepare-real-tables-repo: %s\n' "$*" >&2; exit 1; }
(($# == 2)) || die "usage: $0 SHARED_DATA_DIR OUT_REPO"
SRC=$1/real-tables
OUT=$2
[[ -d $SRC ]] || die "$SRC: no such directory"
SRC=$(cd "$SRC" && pwd)
mkdir -p "$(dirname "$OUT")"
OUT=$(cd "$(dirname "$OUT")" && pwd)/$(basename "$OUT")

export GIT_AUTHOR_NAME="kabi real-tables" GIT_AUTHOR_EMAIL="kabi@localhost"
export GIT_COMMITTER_NAME="kabi real-tables" GIT_COMMITTER_EMAIL="kabi@localhost"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null   # no user hooks, signing, autocrlf ...
BASE=1577836800                                            # 2020-01-01T00:00:00Z

TMP=$(mktemp -d "$(dirname "$OUT")/.$(basename "$OUT").tmp.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
git init -q -b main "$TMP"
git -C "$TMP" config core.symlinks true

n=0
while IFS= read -r ver; do
	rel=$SRC/$ver
	# Replace the work tree with this release's files.
	find "$TMP" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
	cp -R "$rel"/. "$TMP"/
	# Restore flattened symbolic links.
	while IFS= read -r -d '' f; do
		[[ $(wc -l <"$f") -le 1 ]] || continue
		target=$(head -c 4096 "$f")
		target=${target%$'\n'}
		[[ $target =~ ^[A-Za-z0-9._/+-]+$ && $target != /* ]] || continue
		dir=$(dirname "$f")
		resolved=$(realpath -m "$dir/$target")
		[[ $resolved == "$TMP"/* && -f $resolved && $resolved != "$(realpath -m "$f")" ]] || continue
		rm "$f"
		ln -s "$target" "$f"
	done < <(find "$TMP" -path "$TMP/.git" -prune -o -type f -size -4k -print0)
	# The release's version, as the kernel's top-level Makefile states it.
	if [[ ! -e $TMP/Makefile ]]; then
		[[ $ver =~ ^([0-9]+)\.([0-9]+)(\.([0-9]+))?(.*)$ ]] || die "$ver: not a version"
		printf 'VERSION = %s\nPATCHLEVEL = %s\nSUBLEVEL = %s\nEXTRAVERSION = %s\nNAME = kabi real-tables\n' \
			"${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[4]:-0}" "${BASH_REMATCH[5]}" >"$TMP/Makefile"
	fi
	export GIT_AUTHOR_DATE="@$((BASE + n * 86400)) +0000" GIT_COMMITTER_DATE="@$((BASE + n * 86400)) +0000"
	git -C "$TMP" add -A
	git -C "$TMP" commit -q --allow-empty --no-verify -m "Linux $ver (real syscall tables)"
	git -C "$TMP" tag -a "v$ver" -m "Linux $ver"
	n=$((n + 1))
done < <(find "$SRC" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort -V)
((n > 0)) || die "$SRC: no release folders"

rm -rf "$OUT"
mv "$TMP" "$OUT"
trap - EXIT
printf '%s\n' "$OUT"
