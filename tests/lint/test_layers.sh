#!/bin/bash
# The layers of docs/architecture.md, checked on every #include:
#
#   base/     includes base/ only
#   db/       base/, db/
#   harvest/  base/, db/, harvest/
#   query/    base/, db/, query/ (and harvest.h in helper_harvest.c, which runs a harvest)
#
# and the two libraries that stand for a layer's job: <git2.h> only in the
# files that read git (harvest/repo, odb, walk and the tree walkers, listed below
# by name: a listed file that no longer includes it fails the test too, so
# that the list stays true), SQLite only in db/.
. "$(dirname "$0")/../lib/testlib.sh"
cd "$KABI_SRC" || exit 1

# The files that read git; the parsers they feed take bytes.
GIT2_OK="harvest/repo.h harvest/odb.h harvest/walk.h harvest/hdr_tree.h harvest/sig_tree.h"

layer_of() { # path -> layer directory of an include's target, or nothing
	local inc=$1 l
	for l in base db harvest query; do
		[ -f "$l/$inc" ] && { echo "$l"; return; }
	done
}

allowed() { # from-layer to-layer file
	case "$1>$2" in
	base\>base | db\>base | db\>db | harvest\>base | harvest\>db | harvest\>harvest) return 0 ;;
	query\>base | query\>db | query\>query) return 0 ;;
	query\>harvest) [ "$3" = query/helper_harvest.c ] ;;
	*) return 1 ;;
	esac
}

bad=
for f in base/*.[ch] db/*.[ch] harvest/*.[ch] query/*.[ch]; do
	from=${f%%/*}
	while read -r inc; do
		to=$(layer_of "$inc")
		[ -n "$to" ] || continue
		allowed "$from" "$to" "$f" || bad="$bad$f includes $to/$inc
"
	done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f")
done
eq "no include crosses a layer the wrong way" "$bad" ""

git2=$(grep -l '^#include <git2.h>' base/* db/* harvest/* query/* | sort | tr '\n' ' ')
eq "<git2.h> only where git is read" "$git2" "$(printf '%s\n' $GIT2_OK | sort | tr '\n' ' ')"

# the API (sqlite3_*, a handle, the header), not the word in help text
sqlite=$(grep -l 'sqlite3_[a-z]\|sqlite3 \*\|<sqlite3.h>' base/* harvest/* query/* | sort)
eq "SQLite only in db/" "$sqlite" ""

# The test can fail: a forbidden edge is found when there is one.
mkdir -p "$T/src/base" "$T/src/harvest"
printf '#include "repo.h"\n' >"$T/src/base/x.c"
touch "$T/src/harvest/repo.h"
(cd "$T/src" && layer_of repo.h) >"$T/l"
eq "a harvest header is found in harvest/" "$(cat "$T/l")" harvest
ok "base -> harvest is refused" bash -c "$(declare -f allowed); ! allowed base harvest base/x.c"
ok "query -> harvest is refused outside helper_harvest.c" bash -c "$(declare -f allowed); ! allowed query harvest query/cmd_show.c"
finish
