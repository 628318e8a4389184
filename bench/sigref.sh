#!/bin/bash
# sigref.sh REPO CATALOG: what git needs to read the objects kabi's
# signature phase reads - the .c blobs of the first release's tree, then
# the .c blobs changed between consecutive releases (in the catalog's
# release order) - as `git ls-tree`, `git diff-tree --stdin -r` and
# `git cat-file --batch`.  bench/run.sh times it as the signature phase's
# reference (issue 15).
set -eu -o pipefail
REPO=$1 DB=$2
mapfile -t COMMITS < <(sqlite3 "$DB" "SELECT commit_id FROM release ORDER BY ord")
{
	git -C "$REPO" ls-tree -r "${COMMITS[0]}" | awk '$2 == "blob" && $4 ~ /\.c$/ { print $3 }'
	for ((i = 1; i < ${#COMMITS[@]}; i++)); do
		printf '%s %s\n' "${COMMITS[i]}" "${COMMITS[i - 1]}"
	done | git -C "$REPO" diff-tree --stdin -r --no-commit-id |
		awk '$5 != "D" && $6 ~ /\.c$/ { print $4 }'
} | git -C "$REPO" cat-file --batch >/dev/null
