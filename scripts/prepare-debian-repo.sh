#!/bin/bash
# prepare-debian-repo.sh [CACHE_DIR]
#
# Builds CACHE_DIR/linux-debian.git (default CACHE_DIR: ./cache), a bare git
# repository with one commit per Debian kernel source package:
#
#   linux-source-6.1   -> commit 1, tagged v<version from its Makefile>
#   linux-source-6.12  -> commit 2 (child of 1), tagged likewise
#
# Each commit holds the package's full kernel tree.  The .debs are fetched with
# `apt-get download` into CACHE_DIR/debs; the tarball inside each is streamed
# straight into `git fast-import` (no 1.5 GB extraction on disk) with fixed
# author, committer and dates, so the commit ids are reproducible.
#
# Cached: when the repository already holds the currently downloadable package
# versions, nothing is done.  With KEEP_TREES=1 the trees are also extracted to
# CACHE_DIR/trees/linux-<version> (for tests).
#
# Progress goes to stderr: a line when each download, import and extraction
# starts and ends (with its seconds), and every PROGRESS_INTERVAL seconds
# (default 10) in between: MB downloaded, files and MB imported, MB extracted.
#
# stdout: shell assignments, for `eval`:
#   KABI_DEBIAN_REPO=/abs/path/linux-debian.git
#   KABI_DEBIAN_TAGS='v6.1.x v6.12.y'
#   KABI_LINUX_6_1=/abs/path/trees/linux-6.1.x       (KEEP_TREES=1 only)
#   KABI_LINUX_6_12=/abs/path/trees/linux-6.12.y     (KEEP_TREES=1 only)
set -euo pipefail

PACKAGES=(linux-source-6.1 linux-source-6.12)   # oldest first: commit order
FIRST_DATE=1672531200                           # 2023-01-01T00:00:00Z; +1 day per commit

say() { printf 'prepare-debian-repo: %s\n' "$*" >&2; }
die() { ticker_stop; say "error: $*"; exit 1; }
. "$(dirname "${BASH_SOURCE[0]}")/progress.sh"
trap ticker_stop EXIT
mb_of() { echo "$(du -sm "$1" 2>/dev/null | cut -f1) MB${2:+ of $2 MB}"; }   # DIR [TOTAL_MB]

CACHE=${1:-./cache}
mkdir -p "$CACHE/debs"
CACHE=$(cd "$CACHE" && pwd)
REPO=$CACHE/linux-debian.git
STAMP=kabi-debian-packages          # inside the repo: "package debversion tag" lines
KEEP_TREES=${KEEP_TREES:-0}

for tool in apt-get apt-cache dpkg-deb git xz tar perl flock; do
	command -v "$tool" >/dev/null || die "$tool not found (run scripts/install-deps.sh)"
done

exec 9>"$CACHE/.prepare-debian-repo.lock"
flock 9
# Leftovers of an interrupted run (we hold the lock: nobody else is writing).
rm -rf "$CACHE"/.linux-debian.git.tmp.* "$CACHE"/trees/.tmp.* "$CACHE"/debs/.dl.* "$REPO".old.*

# --- what is downloadable now ------------------------------------------------
declare -A WANT CAND
while read -r pkg ver; do CAND[$pkg]=$ver; done < <(apt-cache policy "${PACKAGES[@]}" 2>/dev/null |
	awk '/^[^ ].*:$/ {p = substr($0, 1, length($0) - 1)} /^  Candidate:/ {print p, $2}')
for pkg in "${PACKAGES[@]}"; do
	cand=${CAND[$pkg]:-}
	if [[ -z $cand || $cand == "(none)" ]]; then
		# No package lists (apt-get update never ran, or offline): use what we have.
		have=$(ls "$CACHE/debs/${pkg}_"*.deb 2>/dev/null | sort -V | tail -n1 || true)
		[[ -n $have ]] || die "$pkg is not downloadable (run apt-get update?) and not in $CACHE/debs"
		cand=$(dpkg-deb -f "$have" Version)
		say "$pkg: no candidate in apt lists, using cached $cand"
	fi
	WANT[$pkg]=$cand
done

stamp_tag() { # package debversion -> tag recorded for it in the repo's stamp, if any
	[[ -f $REPO/$STAMP ]] || return 0
	awk -v p="$1" -v v="$2" '$1 == p && $2 == v {print $3}' "$REPO/$STAMP"
}

repo_is_current() {
	local pkg tag
	[[ -d $REPO && -f $REPO/$STAMP ]] || return 1
	for pkg in "${PACKAGES[@]}"; do
		tag=$(stamp_tag "$pkg" "${WANT[$pkg]}")
		[[ -n $tag ]] || return 1
		git --git-dir="$REPO" rev-parse -q --verify "refs/tags/$tag^{commit}" >/dev/null || return 1
	done
}

deb_for() { # package debversion -> path of the cached .deb (downloads it if needed)
	local pkg=$1 ver=$2 f tmp
	for f in "$CACHE/debs/${pkg}_"*.deb; do
		[[ -f $f ]] || continue
		if [[ $(dpkg-deb -f "$f" Version 2>/dev/null) == "$ver" ]]; then
			printf '%s\n' "$f"
			return
		fi
	done
	local mb
	mb=$(apt-cache show "$pkg=$ver" 2>/dev/null | awk '/^Size:/ { print int($2 / 1048576); exit }')
	step_begin "downloading $pkg=$ver${mb:+ ($mb MB)}"
	tmp=$(mktemp -d "$CACHE/debs/.dl.XXXXXX")
	ticker_start "$pkg" mb_of "$tmp" "$mb"
	# As root apt-get drops privileges to _apt for the download and warns when
	# _apt cannot write the target directory; the sandbox buys nothing for a
	# plain `download` into our own cache, so run it as root explicitly.
	local opts=()
	[[ $(id -u) == 0 ]] && opts=(-o APT::Sandbox::User=root)
	(cd "$tmp" && apt-get download -q "${opts[@]}" "$pkg=$ver" >&2) || { rm -rf "$tmp"; die "apt-get download $pkg=$ver failed"; }
	ticker_stop
	step_end "downloaded $pkg=$ver"
	f=$(ls "$tmp"/*.deb)
	mv "$f" "$CACHE/debs/"
	rmdir "$tmp"
	printf '%s\n' "$CACHE/debs/$(basename "$f")"
}

inner_tarball() { # .deb -> member name of the kernel tarball inside it
	dpkg-deb --fsys-tarfile "$1" | tar -t | grep -E '^\./usr/src/linux-source-[^/]*\.tar\.xz$' | head -n1
}

# The tarball stream (GNU tar or pax) on stdin -> a git fast-import stream on
# stdout: one commit on refs/heads/main with every file (the top directory of
# the tarball stripped), then a tag named after the version in the top-level
# Makefile.  The tag name is also written to TAGFILE.  Every INTERVAL seconds
# it says on stderr how many files (and MB of them) it has passed on, and
# when done, all of them.
read -r -d '' TAR2FI <<'PERL' || true
use strict; use warnings;
my ($msg, $date, $from, $tagfile, $tagmsg, $label, $interval) = @ARGV;
my ($t0, $nfiles, $nbytes) = (time, 0, 0);
my $tick = $t0 + $interval;
sub progress { printf STDERR "prepare-debian-repo:   %s: %d files, %d MB%s, %d s\n", $label, $nfiles, $nbytes / 1048576, $_[0], time - $t0; }
binmode STDIN; binmode STDOUT;
my $ident = "kabi prepare-debian-repo <kabi\@localhost> $date +0000";
my @files;   # "M ..." lines of the commit, written after all the blobs
sub rd { my $n = shift; my $b = ''; while (length($b) < $n) { my $r = read(STDIN, $b, $n - length($b), length($b)); die "tar: read error: $!\n" unless defined $r; die "tar: truncated archive\n" if $r == 0; } return $b; }
sub str { my $s = shift; $s =~ s/\0.*//s; return $s; }
sub oct_field { my $s = shift; if (ord($s) & 0x80) { my $n = 0; $n = $n * 256 + ord($_) for split //, substr($s, 1); return $n; } $s =~ s/[\0 ]+$//; $s =~ s/^\s+//; return $s eq '' ? 0 : oct($s); }
sub quote { my $p = shift; return $p unless $p =~ /^"|[\n\\]/; $p =~ s/\\/\\\\/g; $p =~ s/"/\\"/g; $p =~ s/\n/\\n/g; return "\"$p\""; }
my ($longname, $longlink, %pax, $makefile, $top);
my %mark_of; my $mark = 1;
while (1) {
	my $h = rd(512);
	last if $h eq "\0" x 512;
	my $size = oct_field(substr($h, 124, 12));
	my $type = substr($h, 156, 1);
	my $data = rd($size); rd((512 - $size % 512) % 512);
	if (time >= $tick) { progress(''); $tick = time + $interval; }
	if ($type eq 'L') { $longname = str($data); next; }
	if ($type eq 'K') { $longlink = str($data); next; }
	if ($type eq 'x') { while ($data =~ /\G(\d+) /gc) { my $rec = substr($data, pos($data), $1 - length($1) - 2); pos($data) += $1 - length($1) - 1; my ($k, $v) = split /=/, $rec, 2; $pax{$k} = $v; } next; }
	if ($type eq 'g') { next; }
	my $name = $pax{path} // $longname // do { my $p = str(substr($h, 345, 155)); my $n = str(substr($h, 0, 100)); $p ne '' && substr($h, 257, 6) eq "ustar\0" ? "$p/$n" : $n };
	my $link = $pax{linkpath} // $longlink // str(substr($h, 157, 100));
	my $mode = oct_field(substr($h, 100, 8));
	undef $longname; undef $longlink; %pax = ();
	$name =~ s{^\./}{}; $name =~ s{/+$}{};
	my ($first, $rest) = split m{/}, $name, 2;
	$top //= $first;
	die "tar: entry outside the top directory $top: $name\n" if $first ne $top;
	next if !defined $rest || $rest eq '';
	if ($type eq '5') { next; }
	if ($type eq '2') {
		$mark++;
		print "blob\nmark :$mark\ndata ", length($link), "\n$link\n";
		push @files, "M 120000 :$mark " . quote($rest) . "\n";
	} elsif ($type eq '1') {
		$link =~ s{^\./}{}; my (undef, $lrest) = split m{/}, $link, 2;
		my $m = $mark_of{$lrest // ''} or die "tar: hard link to unknown $link\n";
		push @files, "M $m->[1] :$m->[0] " . quote($rest) . "\n";
	} elsif ($type eq '0' || $type eq "\0" || $type eq '7') {
		my $fm = ($mode & 0111) ? '100755' : '100644';
		$mark++;
		print "blob\nmark :$mark\ndata ", length($data), "\n", $data, "\n";
		push @files, "M $fm :$mark " . quote($rest) . "\n";
		$mark_of{$rest} = [$mark, $fm];
		$makefile = $data if $rest eq 'Makefile';
		$nfiles++; $nbytes += $size;
	} else {
		die "tar: unsupported entry type '$type' for $name\n";
	}
}
progress(' in all');
die "tar: no top-level Makefile\n" unless defined $makefile;
my %v; for my $k (qw(VERSION PATCHLEVEL SUBLEVEL EXTRAVERSION)) { ($v{$k}) = $makefile =~ /^$k\s*=[ \t]*(\S*)/m; $v{$k} //= ''; }
die "tar: no VERSION/PATCHLEVEL in the Makefile\n" if $v{VERSION} eq '' || $v{PATCHLEVEL} eq '';
my $ver = "$v{VERSION}.$v{PATCHLEVEL}" . ($v{SUBLEVEL} ne '' && $v{SUBLEVEL} ne '0' ? ".$v{SUBLEVEL}" : '') . $v{EXTRAVERSION};
my $tag = "v$ver";
$msg = "Linux $ver ($msg)";
print "commit refs/heads/main\nmark :1\nauthor $ident\ncommitter $ident\n";
print "data ", length($msg), "\n$msg\n";
print "from $from\n" if $from ne '';
print "deleteall\n", @files, "\n";
$tagmsg = "Linux $ver ($tagmsg)";
print "tag $tag\nfrom :1\ntagger $ident\ndata ", length($tagmsg), "\n$tagmsg\n";
open(my $t, '>', $tagfile) or die "$tagfile: $!\n"; print $t "$tag\n"; close $t;
PERL

extract_tree() { # deb member tag : CACHE/trees/linux-<version>
	local deb=$1 member=$2 tag=$3 dir tmp
	dir=$CACHE/trees/linux-${tag#v}
	[[ -f $dir/Makefile ]] && return
	step_begin "extracting $(basename "$deb") to $dir"
	mkdir -p "$CACHE/trees"
	tmp=$(mktemp -d "$CACHE/trees/.tmp.XXXXXX")
	ticker_start "$(basename "$deb")" mb_of "$tmp"
	dpkg-deb --fsys-tarfile "$deb" | tar -xOf - "$member" | xz -T2 -dc | tar -x --strip-components=1 -C "$tmp"
	ticker_stop
	rm -rf "$dir"
	mv "$tmp" "$dir"
	step_end "extracted $(basename "$deb")"
}

print_result() {
	local pkg tag tags=() series
	for pkg in "${PACKAGES[@]}"; do tags+=("$(stamp_tag "$pkg" "${WANT[$pkg]}")"); done
	printf 'KABI_DEBIAN_REPO=%q\n' "$REPO"
	printf "KABI_DEBIAN_TAGS='%s'\n" "${tags[*]}"
	if [[ $KEEP_TREES == 1 ]]; then
		for pkg in "${PACKAGES[@]}"; do
			tag=$(stamp_tag "$pkg" "${WANT[$pkg]}")
			series=${pkg#linux-source-}
			printf 'KABI_LINUX_%s=%q\n' "${series//./_}" "$CACHE/trees/linux-${tag#v}"
		done
	fi
	say "repository: $REPO (tags: ${tags[*]})"
}

keep_trees() {
	local pkg deb
	[[ $KEEP_TREES == 1 ]] || return 0
	for pkg in "${PACKAGES[@]}"; do
		[[ -f $CACHE/trees/linux-$(stamp_tag "$pkg" "${WANT[$pkg]}" | sed 's/^v//')/Makefile ]] && continue
		deb=$(deb_for "$pkg" "${WANT[$pkg]}")
		extract_tree "$deb" "$(inner_tarball "$deb")" "$(stamp_tag "$pkg" "${WANT[$pkg]}")"
	done
}

if repo_is_current; then
	keep_trees
	print_result
	exit 0
fi

# --- build it ----------------------------------------------------------------
TMP=$(mktemp -d "$CACHE/.linux-debian.git.tmp.XXXXXX")
trap 'ticker_stop; rm -rf "$TMP"' EXIT
git init -q --bare "$TMP"
git --git-dir="$TMP" symbolic-ref HEAD refs/heads/main
: >"$TMP/$STAMP.new"
n=0
for pkg in "${PACKAGES[@]}"; do
	ver=${WANT[$pkg]}
	deb=$(deb_for "$pkg" "$ver")
	member=$(inner_tarball "$deb")
	[[ -n $member ]] || die "no usr/src/linux-source-*.tar.xz in $deb"
	from=""
	((n > 0)) && from="refs/heads/main^0"
	date=$((FIRST_DATE + n * 86400))
	step_begin "importing $(basename "$deb")"
	# Trees only on disk when asked for: tee the tar stream into `tar -x`.
	if [[ $KEEP_TREES == 1 ]]; then
		mkdir -p "$CACHE/trees"
		tree_tmp=$(mktemp -d "$CACHE/trees/.tmp.XXXXXX")
		mkfifo "$TMP/tar.fifo"
		tar -x --strip-components=1 -C "$tree_tmp" <"$TMP/tar.fifo" &
		tarpid=$!
		tee_cmd=(tee "$TMP/tar.fifo")
	else
		tee_cmd=(cat)
	fi
	# core.bigFileThreshold=1 makes fast-import store every blob without trying
	# a delta against the previous (unrelated) blob: 2x faster; level 1 zlib
	# keeps the pack within 20% of the default size at half the time.
	dpkg-deb --fsys-tarfile "$deb" | tar -xOf - "$member" | xz -T2 -dc | "${tee_cmd[@]}" |
		perl -e "$TAR2FI" "Debian $pkg $ver" "$date" "$from" "$TMP/tag" "Debian $pkg $ver" "$pkg" "$PROGRESS_INTERVAL" |
		git --git-dir="$TMP" -c core.bigFileThreshold=1 -c pack.compression=1 fast-import --quiet
	tag=$(cat "$TMP/tag")
	if [[ $KEEP_TREES == 1 ]]; then
		wait "$tarpid" || die "extracting the tree of $deb failed"
		rm -f "$TMP/tar.fifo"
		rm -rf "$CACHE/trees/linux-${tag#v}"
		mv "$tree_tmp" "$CACHE/trees/linux-${tag#v}"
	fi
	if grep -q " $tag\$" "$TMP/$STAMP.new"; then die "two packages have the same version $tag"; fi
	printf '%s %s %s\n' "$pkg" "$ver" "$tag" >>"$TMP/$STAMP.new"
	step_end "imported $(basename "$deb") as $tag"
	n=$((n + 1))
done
rm -f "$TMP/tag"
mv "$TMP/$STAMP.new" "$TMP/$STAMP"

# Into place: rename the finished repository over the old one.
if [[ -e $REPO ]]; then
	mv "$REPO" "$REPO.old.$$"
	mv "$TMP" "$REPO"
	rm -rf "$REPO.old.$$"
else
	mv "$TMP" "$REPO"
fi
trap ticker_stop EXIT
# Drop what belonged to older package versions: their .debs and kept trees.
for pkg in "${PACKAGES[@]}"; do
	for f in "$CACHE/debs/${pkg}_"*.deb; do
		[[ -f $f && $(dpkg-deb -f "$f" Version) != "${WANT[$pkg]}" ]] && rm -f "$f"
	done
done
for d in "$CACHE"/trees/linux-*; do
	[[ -d $d ]] || continue
	grep -q " v${d##*/linux-}\$" "$REPO/$STAMP" || rm -rf "$d"
done
print_result
