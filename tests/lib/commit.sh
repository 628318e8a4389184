# commit_release DIR TAG DATE: commits DIR's work tree as it is and tags it
# (fixed author and dates, so fixture repositories are reproducible).
commit_release() {
	git -C "$1" add -A
	GIT_AUTHOR_DATE="$3" GIT_COMMITTER_DATE="$3" \
		git -C "$1" -c user.name=kabi-test -c user.email=test@kabi.invalid \
		commit -q --allow-empty -m "release $2"
	git -C "$1" tag "$2"
}
