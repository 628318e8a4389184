#!/bin/bash
# kabi check on container images: an OCI image layout (a directory and a
# tar of it), a docker save tarball and a root file system tarball, built
# here with tar, gzip, sha256sum and printf from programs compiled here.
#
# Part 1 (the fixture catalog of tests/fixtures/make-tbl-repo.sh) feeds
# hostile archives: each must be one line naming the file, exit 2.  Part 2
# uses the Debian 6.1/6.12 catalog (KABI_DEBIAN_REPO) and the kernel facts
# of tests/cli/test_check_artifacts.sh: on x86_64 cachestat is 451 (added
# in 6.5) and mseal 462 (added in 6.10).  The image has two layers; the
# second whites out a binary of the first that needs mseal (.wh.mseal) and
# makes a directory holding another one opaque (.wh..wh..opq), and adds a
# binary that needs cachestat.  So on 6.1 the image lacks cachestat only,
# named with its file, and on 6.12 it has everything; without the second
# layer it would lack mseal too.
. "$(dirname "$0")/../lib/testlib.sh"
bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
export KABI_DB="$T/fx.db"
"$KABI" harvest "$T/repo" 2>/dev/null
eq "fixture harvest exits 0" "$?" 0

KV=v5.10
TAR="tar --owner=0 --group=0 --numeric-owner --mtime=@0 --sort=name"

# hdr NAME SIZE [TYPE [CHECKSUM]]: a ustar header block on stdout, its
# checksum computed here unless given.
hdr() {
	local f=$T/hdr.$$ sum
	{
		printf '%s' "$1" | dd bs=100 count=1 conv=sync 2>/dev/null
		printf '0000644\0000000000\0000000000\0%011o\00000000000000\0        %s' "$2" "${3:-0}"
		dd if=/dev/zero bs=100 count=1 2>/dev/null
		printf 'ustar\00000'
		dd if=/dev/zero bs=247 count=1 2>/dev/null
	} >"$f"
	sum=${4:-$(od -An -v -tu1 "$f" | tr -s ' ' '\n' | awk '{ s += $1 } END { print s }')}
	printf '%06o\0 ' "$sum" | dd of="$f" bs=1 seek=148 conv=notrunc 2>/dev/null
	cat "$f"
	rm -f "$f"
}
zeros() { dd if=/dev/zero bs=512 count="$1" 2>/dev/null; }

# hostile ARCHIVE WHAT PATTERN: exit 2, one line on stderr, matching.
hostile() {
	"$KABI" check --kernel "$KV" "$1" >"$T/out" 2>"$T/err"
	eq "$2: exit 2" "$?" 2
	eq "$2: one line on stderr" "$(wc -l <"$T/err")" 1
	ok "$2: says so, naming the file ($(cat "$T/err"))" grep -Eq "^kabi: .*$3" "$T/err"
	eq "$2: nothing on standard output" "$(wc -c <"$T/out")" 0
}

# ---- hostile archives ---------------------------------------------------
{ hdr a.txt 5; printf 'hello' | dd bs=512 conv=sync 2>/dev/null; zeros 2; } >"$T/good.tar"
eq "the hand-made tar is one GNU tar reads" "$(tar -tf "$T/good.tar")" "a.txt"
"$KABI" check --kernel v5.10 "$T/good.tar" >/dev/null 2>"$T/err"
eq "a tar without ELF files: exit 2" "$?" 2
ok "and says so" grep -q "good.tar': no ELF file in it (1 layer)" "$T/err"

{ hdr a.txt 5 0 1234; printf 'hello' | dd bs=512 conv=sync 2>/dev/null; zeros 2; } >"$T/badsum.tar"
# sniffed as text when the very first header is bad; --input image says why
"$KABI" check --kernel v5.10 --input image "$T/badsum.tar" >/dev/null 2>"$T/err"
ok "--input image: the bad checksum is named" grep -q "badsum.tar' offset 148: not a tar archive (bad header checksum)" "$T/err"
{ hdr a.txt 5; printf 'hello' | dd bs=512 conv=sync 2>/dev/null; hdr b.txt 0 0 777; zeros 2; } >"$T/badsum2.tar"
hostile "$T/badsum2.tar" "a bad checksum in the second header" "badsum2.tar' offset 1172: bad tar header checksum"
{ hdr big.bin 1000000; printf 'x' | dd bs=512 conv=sync 2>/dev/null; zeros 2; } >"$T/pastend.tar"
hostile "$T/pastend.tar" "a member size past the end" "pastend.tar' offset 124: tar member size 1000000 goes past the end of the archive"
{ hdr ../../etc/evil 0; zeros 2; } >"$T/dotdot.tar"
hostile "$T/dotdot.tar" "a '..' path" "dotdot.tar' offset 0: a member path with a '..' component"
{ hdr a.txt 5; printf 'hello' | dd bs=512 conv=sync 2>/dev/null; } >"$T/noend.tar"
hostile "$T/noend.tar" "a tar cut at a header boundary" "noend.tar' offset 1024: truncated tar archive \\(no end-of-archive block\\)"
head -c 515 "$T/good.tar" >"$T/cut.tar"
hostile "$T/cut.tar" "a tar cut inside a member" "cut.tar' offset 124: tar member size 5 goes past the end of the archive \\(3 bytes left\\)"
head -c 700 "$T/good.tar" >"$T/cut2.tar"
hostile "$T/cut2.tar" "a tar cut in a member's padding" "cut2.tar' offset 700: truncated tar archive \\(a member ends early\\)"
gzip -c "$T/good.tar" | head -c 30 >"$T/cut.tar.gz"
hostile "$T/cut.tar.gz" "a gzip stream cut short" "cut.tar.gz' offset [0-9]+: truncated gzip data"

# ---- programs -----------------------------------------------------------------
if [ -z "${KABI_DEBIAN_REPO:-}" ] || [ ! -d "${KABI_DEBIAN_REPO:-}" ]; then
	echo "SKIP (part): KABI_DEBIAN_REPO is not set: no checks against Debian's 6.1/6.12"
	finish
fi
if ! have gcc || [ "$(uname -m)" != x86_64 ]; then
	skip_part "no gcc or not x86_64: compiled programs"
	finish
fi
export KABI_DB="$T/deb.db"
debian_db "$KABI_DB"
eq "debian harvest exits 0" "$?" 0
v61=$("$KABI" versions --format csv | awk -F, '$3 == "6.1" { print $1 }')
v612=$("$KABI" versions --format csv | awk -F, '$3 == "6.12" { print $1 }')
KV=$v612

cat >"$T/raw.c" <<'EOF'
int main(void)
{
	register long r10 __asm__("r10") = 0;
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "0"((long)NR), "D"(-1L), "S"(0L), "d"(0L), "r"(r10)
			 : "rcx", "r11", "memory");
	return ret == 0;
}
EOF
gcc -O2 -static -DNR=462 -o "$T/mseal" "$T/raw.c" && gcc -O2 -DNR=451 -o "$T/cachestat" "$T/raw.c" &&
	gcc -O2 -static -DNR=39 -o "$T/getpid" "$T/raw.c"
eq "programs compile" "$?" 0

# layer 1: usr/bin/mseal, usr/lib/old/mseal2 (both need mseal), usr/bin/getpid
mkdir -p "$T/l1/usr/bin" "$T/l1/usr/lib/old" "$T/l1/etc"
cp "$T/mseal" "$T/l1/usr/bin/mseal"
cp "$T/mseal" "$T/l1/usr/lib/old/mseal2"
cp "$T/getpid" "$T/l1/usr/bin/getpid"
echo hello >"$T/l1/etc/motd"
# layer 2: whiteout of usr/bin/mseal, usr/lib/old opaque, usr/bin/cachestat
mkdir -p "$T/l2/usr/bin" "$T/l2/usr/lib/old"
: >"$T/l2/usr/bin/.wh.mseal"
: >"$T/l2/usr/lib/old/.wh..wh..opq"
cp "$T/cachestat" "$T/l2/usr/bin/cachestat"
$TAR -C "$T/l1" -cf "$T/layer1.tar" . && $TAR --format=posix -C "$T/l2" -cf "$T/layer2.tar" . &&
	gzip -nc "$T/layer2.tar" >"$T/layer2.tar.gz"
eq "layers made" "$?" 0

sha() { sha256sum "$1" | cut -d' ' -f1; }
size() { wc -c <"$1" | tr -d ' '; }
# oci DIR ARCH LAYER...: an OCI image layout with one image
oci() {
	local d=$1 arch=$2 l cfg man layers="" diffs="" sep=""
	shift 2
	mkdir -p "$d/blobs/sha256"
	printf '{"imageLayoutVersion":"1.0.0"}' >"$d/oci-layout"
	for l in "$@"; do
		cp "$l" "$d/blobs/sha256/$(sha "$l")"
		case $l in *.gz) mt=tar+gzip ;; *) mt=tar ;; esac
		layers="$layers$sep{\"mediaType\":\"application/vnd.oci.image.layer.v1.$mt\",\"digest\":\"sha256:$(sha "$l")\",\"size\":$(size "$l")}"
		diffs="$diffs$sep\"sha256:$(sha "$l")\""
		sep=,
	done
	printf '{"architecture":"%s","os":"linux","rootfs":{"type":"layers","diff_ids":[%s]}}' "$arch" "$diffs" >"$T/cfg"
	cfg=$(sha "$T/cfg")
	cp "$T/cfg" "$d/blobs/sha256/$cfg"
	printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[%s]}' \
		"$cfg" "$(size "$T/cfg")" "$layers" >"$T/man"
	man=$(sha "$T/man")
	cp "$T/man" "$d/blobs/sha256/$man"
	printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"test:1"}}]}' \
		"$man" "$(size "$T/man")" >"$d/index.json"
}
oci "$T/oci" amd64 "$T/layer1.tar" "$T/layer2.tar.gz"
$TAR -C "$T/oci" -cf "$T/oci.tar" .
oci "$T/oci1" amd64 "$T/layer1.tar"
oci "$T/oci-arm" arm64 "$T/layer1.tar" "$T/layer2.tar.gz"

# docker save: manifest.json, <hex>.json, <id>/layer.tar (plain)
mkdir -p "$T/ds/a" "$T/ds/b"
cp "$T/layer1.tar" "$T/ds/a/layer.tar"
cp "$T/layer2.tar" "$T/ds/b/layer.tar"
printf '{"architecture":"amd64","os":"linux"}' >"$T/cfg"
cp "$T/cfg" "$T/ds/$(sha "$T/cfg").json"
printf '[{"Config":"%s.json","RepoTags":["test:1"],"Layers":["a/layer.tar","b/layer.tar"]}]' "$(sha "$T/cfg")" >"$T/ds/manifest.json"
$TAR -C "$T/ds" -cf "$T/docker.tar" .

# a root file system: the merged view, as a tarball
mkdir -p "$T/root"
cp -a "$T/l1/." "$T/root/"
rm -r "$T/root/usr/bin/mseal" "$T/root/usr/lib/old"
cp "$T/cachestat" "$T/root/usr/bin/cachestat"
$TAR -C "$T/root" -cf "$T/rootfs.tar" .
gzip -nc "$T/rootfs.tar" >"$T/rootfs.tar.gz"

for img in oci oci.tar docker.tar rootfs.tar rootfs.tar.gz; do
	"$KABI" check --kernel "$v61" "$T/$img" --format csv >"$T/out" 2>"$T/err"
	eq "$img: cachestat missing on 6.1 (exit 1)" "$?" 1
	eq "$img: nothing on stderr" "$(cat "$T/err")" ""
	eq "$img: cachestat by its number, added in 6.12's catalog" "$(grep '^cachestat,' "$T/out" | cut -d, -f1-7)" "cachestat,added later,451,<=$v612,,required,"
	eq "$img: the whited-out and opaque-hidden mseal does not count" "$(grep -c '^mseal,' "$T/out")" 0
	ok "$img: getpid is there" grep -q '^getpid,available,39,' "$T/out"
	ok "$img: the verdict names the file" \
		grep -Eq "^$T/$img,image,x86_64,1,\"x86_64 at $v61: does not run: 1 of [0-9]+ syscalls not available: cachestat \\(added later; syscall at 0x[0-9a-f]+ in 'usr/bin/cachestat'\\); [0-9]+ only in kernels built with: .*CONFIG_FUTEX \\(futex\\)" "$T/out"
	eq "$img: passes on 6.12" "$(exit_code "$KABI" check --kernel "$v612" "$T/$img")" 0
done
"$KABI" check --kernel "$v61" "$T/oci1" --format csv >"$T/out" 2>&1
ok "without the second layer mseal counts, in both files" \
	grep -q "mseal (added later; in 'usr/bin/mseal', 'usr/lib/old/mseal2')" "$T/out"
"$KABI" check --min "$T/oci.tar" >"$T/out" 2>&1
ok "--min: the oldest is 6.12, set by cachestat" grep -q "x86_64: oldest: $v612 (set by cachestat)" "$T/out"
eq "from standard input, --input image" "$("$KABI" check --kernel "$v61" --input image - <"$T/docker.tar" 2>&1 | grep -c "^-: x86_64 at $v61: .*cachestat")" 1

# the architecture comes from the config; a disagreement is said
"$KABI" check --kernel "$v612" "$T/oci-arm" >"$T/out" 2>"$T/err"
eq "arm64 config, x86_64 binaries: still checked as x86_64 (exit 0)" "$?" 0
ok "and the disagreement is said" \
	grep -q "note: '$T/oci-arm': its config says arm64 (arm64) but 2 ELF files do not ('usr/bin/[a-z]*' is x86_64 ...)" "$T/err"
eq "amd64 config: no note" "$("$KABI" check --kernel "$v612" "$T/oci" 2>&1 >/dev/null)" ""
# an ELF header that names no ABI kabi knows (e_machine 94): the config's
cat >"$T/dyn.c" <<'EOF'
#include <fcntl.h>
int main(int argc, char **argv) { return open(argv[0], O_RDONLY) < 0; }
EOF
gcc -O2 -o "$T/dyn" "$T/dyn.c"
printf '\136' | dd of="$T/dyn" bs=1 seek=18 conv=notrunc 2>/dev/null
mkdir -p "$T/l3/bin" && cp "$T/dyn" "$T/l3/bin/dyn" && $TAR -C "$T/l3" -cf "$T/layer3.tar" .
for a in amd64:x86_64 arm64:arm64 arm:arm 386:i386; do
	oci "$T/oci-$a" "${a%:*}" "$T/layer3.tar"
	"$KABI" check --kernel "$v612" "$T/oci-$a" --format csv >"$T/out" 2>"$T/err"
	eq "config ${a%:*}: checked as ${a#*:}" "$(grep ",image," "$T/out" | cut -d, -f3)" "${a#*:}"
done
"$KABI" check --kernel "$v612" "$T/oci-arm64:arm64" --format csv >"$T/out" 2>&1
ok "arm64 (asm-generic): open is openat there" grep -q "^openat,available" "$T/out"

# ---- damaged layouts ----------------------------------------------------------
cp -a "$T/oci" "$T/missing"
sed -i 's/"digest":"sha256:[0-9a-f]*"/"digest":"sha256:0000000000000000000000000000000000000000000000000000000000000000"/' "$T/missing/index.json"
hostile "$T/missing" "index.json to a missing blob" "cannot open '$T/missing/blobs/sha256/0{64}': No such file"
cp -a "$T/oci" "$T/escape"
sed -i 's|"digest":"sha256:[0-9a-f]*"|"digest":"sha256:../../../etc/passwd"|' "$T/escape/index.json"
hostile "$T/escape" "index.json pointing outside blobs/" "escape/index.json' offset [0-9]+: digest 'sha256:../../../etc/passwd' is not sha256:<64 hex digits>"
cp -a "$T/oci" "$T/tamper"
cfg=$(grep -l '"architecture"' "$T/tamper"/blobs/sha256/*)
sed -i 's/amd64/amd65/' "$cfg"
hostile "$T/tamper" "a config that is not its digest" "its sha256 is not its digest"
rm "$T/oci/oci-layout"
"$KABI" check --kernel "$v612" --input image "$T/oci" >/dev/null 2>"$T/err"
ok "a directory without oci-layout is no layout" grep -q "not an OCI image layout (no oci-layout file)" "$T/err"
finish
