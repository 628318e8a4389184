#!/bin/bash
# make-image-corpus.sh DIR: small archives for fuzz_image - a root file
# system tar (GNU and pax formats, gzip), a docker save tar and an OCI
# layout tar with two layers and whiteouts, each holding a small ELF file
# of tests/fuzz/corpus_elf.
set -eu
out=$1
src=$(cd "$(dirname "$0")" && pwd)
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
TAR="tar --owner=0 --group=0 --numeric-owner --mtime=@0 --sort=name"
mkdir -p "$out" "$w/l1/bin" "$w/l2/bin" "$w/l2/lib"
cp "$src/corpus_elf/call-golike-x86_64" "$w/l1/bin/a"
cp "$src/corpus_elf/call-own-x86_64" "$w/l1/bin/b"
: >"$w/l2/bin/.wh.a"
: >"$w/l2/lib/.wh..wh..opq"
cp "$src/corpus_elf/call-own-x86_64" "$w/l2/lib/$(printf 'x%.0s' $(seq 120))"
$TAR -C "$w/l1" -cf "$w/l1.tar" .
$TAR --format=posix -C "$w/l2" -cf "$w/l2.tar" .
cp "$w/l1.tar" "$out/rootfs-gnu.tar"
cp "$w/l2.tar" "$out/rootfs-pax.tar"
gzip -nc "$w/l1.tar" >"$out/rootfs.tar.gz"
sha() { sha256sum "$1" | cut -d' ' -f1; }
size() { wc -c <"$1" | tr -d ' '; }
# docker save
mkdir -p "$w/ds/a" "$w/ds/b"
cp "$w/l1.tar" "$w/ds/a/layer.tar"
cp "$w/l2.tar" "$w/ds/b/layer.tar"
printf '{"architecture":"arm64","os":"linux"}' >"$w/cfg"
cp "$w/cfg" "$w/ds/$(sha "$w/cfg").json"
printf '[{"Config":"%s.json","RepoTags":["t:1"],"Layers":["a/layer.tar","b/layer.tar"]}]' "$(sha "$w/cfg")" >"$w/ds/manifest.json"
$TAR -C "$w/ds" -cf "$out/docker.tar" .
# OCI layout, layer 2 gzip
mkdir -p "$w/oci/blobs/sha256"
gzip -nc "$w/l2.tar" >"$w/l2.tar.gz"
cp "$w/l1.tar" "$w/oci/blobs/sha256/$(sha "$w/l1.tar")"
cp "$w/l2.tar.gz" "$w/oci/blobs/sha256/$(sha "$w/l2.tar.gz")"
cp "$w/cfg" "$w/oci/blobs/sha256/$(sha "$w/cfg")"
printf '{"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"digest":"sha256:%s","size":%s},{"digest":"sha256:%s","size":%s}]}' \
	"$(sha "$w/cfg")" "$(size "$w/cfg")" "$(sha "$w/l1.tar")" "$(size "$w/l1.tar")" \
	"$(sha "$w/l2.tar.gz")" "$(size "$w/l2.tar.gz")" >"$w/man"
cp "$w/man" "$w/oci/blobs/sha256/$(sha "$w/man")"
printf '{"schemaVersion":2,"manifests":[{"digest":"sha256:%s","size":%s,"platform":{"architecture":"arm64","os":"linux"}}]}' \
	"$(sha "$w/man")" "$(size "$w/man")" >"$w/oci/index.json"
printf '{"imageLayoutVersion":"1.0.0"}' >"$w/oci/oci-layout"
$TAR -C "$w/oci" -cf "$out/oci.tar" .
