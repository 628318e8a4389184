#!/bin/bash
# Hostile inputs to kabi check: each is bounded in time (timeout guards
# every command, so a hang fails the test instead of hanging ctest) and
# ends in one line that names the input; the other inputs of the same run
# are still checked.
. "$(dirname "$0")/../lib/testlib.sh"
bash "$KABI_SRC/tests/fixtures/make-tbl-repo.sh" "$T/repo" >/dev/null
export KABI_DB="$T/fx.db"
"$KABI" harvest "$T/repo" 2>/dev/null
eq "fixture harvest exits 0" "$?" 0
LIMIT=120 # a guard against hangs (/dev/zero, loops), not a speed test
printf 'read\n' >"$T/good.txt"

# run NAME ARGS...: kabi check --kernel v5.10 ARGS under timeout; sets RC,
# leaves stdout in $T/NAME.out and stderr in $T/NAME.err
run() {
	local name=$1
	shift
	RC=0
	timeout "$LIMIT" "$KABI" check --kernel v5.10 "$@" >"$T/$name.out" 2>"$T/$name.err" || RC=$?
}

# hostile NAME WHAT INPUT [MESSAGE-REGEX]: exit 2 within the limit, one line
# naming the input, and good.txt beside it still gets its verdict
hostile() {
	local name=$1 what=$2 input=$3 re=${4:-}
	run "$name" "$input" "$T/good.txt"
	ok "$what: finishes within ${LIMIT}s" test "$RC" -ne 124
	eq "$what: exit 2" "$RC" 2
	ok "$what: the error line names the input" grep -qF "'$input'" "$T/$name.err"
	[ -z "$re" ] || ok "$what: says why ($re)" grep -qE "$re" "$T/$name.err"
	eq "$what: one line on stderr" "$(wc -l <"$T/$name.err")" 1
	ok "$what: the other input is still checked" grep -q "good.txt: x86_64 at v5.10: runs" "$T/$name.out"
}

# ---- devices ------------------------------------------------------------------
hostile zero "/dev/zero" /dev/zero "a character device"
run zerostdin - </dev/zero
ok "/dev/zero on standard input: finishes" test "$RC" -ne 124
eq "/dev/zero on standard input: exit 2" "$RC" 2
ok "... names standard input" grep -q "^kabi: '-': a character device" "$T/zerostdin.err"
if [ -r /proc/self/mem ]; then
	hostile mem "/proc/self/mem" /proc/self/mem
else
	skip_part "no /proc/self/mem"
fi

# ---- endless or huge text: not strace output, found out early -----------------
# A stream of zeros is a single line of NUL bytes; it used to be read whole
# (up to the 1 GiB cap) before being refused.
run zeropipe <(head -c 300M /dev/zero)
ok "300 MB of zeros through a pipe: finishes" test "$RC" -ne 124
eq "300 MB of zeros through a pipe: exit 2" "$RC" 2
eq "... one line" "$(wc -l <"$T/zeropipe.err")" 1
truncate -s 2G "$T/sparse" 2>/dev/null && {
	hostile sparse "a 2 GB sparse file" "$T/sparse"
	rm -f "$T/sparse"
}

# ---- a directory with a FIFO and a symbolic link loop ----------------------------
mkdir "$T/dir"
mkfifo "$T/dir/fifo"
ln -s loop2 "$T/dir/loop1"
ln -s loop1 "$T/dir/loop2"
ln -s . "$T/dir/self"
ln -s .. "$T/dir/up"
if [ "$(uname -m)" = x86_64 ] && head -c4 /bin/true 2>/dev/null | grep -q ELF; then
	cp /bin/true "$T/dir/prog"
	run dir "$T/dir" --format csv
	ok "a directory with a FIFO and a loop: finishes" test "$RC" -ne 124
	ok "... its ELF file is checked" grep -q ",elf,x86_64," "$T/dir.out"
	ok "... no error about the FIFO or the loop" bash -c "! grep -q 'fifo\|loop' '$T/dir.err'"
else
	skip_part "no x86_64 /bin/true for the directory walk"
fi
rm "$T/dir/prog" 2>/dev/null
run dironly "$T/dir" "$T/good.txt"
ok "a directory of nothing but a FIFO and links: finishes" test "$RC" -ne 124
eq "... exit 2" "$RC" 2
ok "... says there is no ELF file" grep -q "^kabi: '$T/dir': no ELF file in it" "$T/dironly.err"
ok "... the other input is still checked" grep -q "good.txt: x86_64 at v5.10: runs" "$T/dironly.out"

# ---- a seccomp profile nested 100k deep -----------------------------------------
{
	printf '{"syscalls": '
	head -c 100000 /dev/zero | tr '\0' '['
	head -c 100000 /dev/zero | tr '\0' ']'
	printf '}\n'
} >"$T/deep.json"
hostile deep "a profile nested 100k deep in arrays" "$T/deep.json" "nesting deeper than"
open=$(printf '{"x":%.0s' $(seq 100))
close=$(printf '}%.0s' $(seq 100))
{
	printf '{"syscalls": []'
	for i in $(seq 1000); do printf ',"a%d":%s1%s' "$i" "$open" "$close"; done
	printf '}\n'
} >"$T/wide.json"
hostile wide "a profile of many nested objects" "$T/wide.json" "nesting deeper than"

# ---- a names line of 1 MB: the message does not repeat it whole --------------------
{
	head -c 1000000 /dev/zero | tr '\0' 'x'
	printf '\n'
} >"$T/long.txt"
run long "$T/long.txt"
ok "a 1 MB name: finishes" test "$RC" -ne 124
eq "a 1 MB name: exit 2 (an unknown name)" "$RC" 2
ok "... the message is short" test "$(wc -c <"$T/long.err")" -lt 400

# ---- ELF files whose headers point past the end ----------------------------------
elf_hdr() {   # elf_hdr SHOFF SHNUM: a 64-byte x86_64 ELF header
	python3 - "$@" <<'PY'
import struct, sys
shoff, shnum = int(sys.argv[1]), int(sys.argv[2])
sys.stdout.buffer.write(b"\x7fELF\x02\x01\x01" + b"\0" * 9 +
    struct.pack("<HHIQQQIHHHHHH", 2, 62, 1, 0, 0, shoff, 0, 64, 0, 0, 64, shnum, 0))
PY
}
if have python3; then
	elf_hdr 4096 30 >"$T/shoff.elf"
	hostile shoff "an ELF file whose section headers lie past its end" "$T/shoff.elf" "outside the file"
	elf_hdr $((1 << 62)) 65535 >"$T/shhuge.elf"
	hostile shhuge "an ELF file with a huge section header offset" "$T/shhuge.elf"
else
	skip_part "no python3 to write ELF headers"
fi

# ---- truncated ELF files: code past the end is an error, not skipped ---------------
# (a "yes" from the imports of half a program): .text moved past the end,
# and a file without section headers cut in its executable segment
if have python3 && head -c6 /bin/true 2>/dev/null | grep -q $'^\x7fELF\x02\x01'; then
	python3 - /bin/true "$T" <<'PY'
import struct, sys
src, d = sys.argv[1], sys.argv[2]
b = bytearray(open(src, "rb").read())
shoff, = struct.unpack_from("<Q", b, 0x28)
shentsize, shnum, shstrndx = struct.unpack_from("<HHH", b, 0x3a)
stroff, = struct.unpack_from("<Q", b, shoff + shstrndx * shentsize + 0x18)
past = bytearray(b)
for i in range(shnum):
    o = shoff + i * shentsize
    nm, = struct.unpack_from("<I", b, o)
    if b[stroff + nm:stroff + nm + 6] == b".text\0":
        struct.pack_into("<Q", past, o + 0x18, len(b) - 16)
open(d + "/textpast.elf", "wb").write(past)
cut = bytearray(b)
struct.pack_into("<Q", cut, 0x28, 0)      # e_shoff: no section headers
struct.pack_into("<HHH", cut, 0x3a, 0, 0, 0)
phoff, = struct.unpack_from("<Q", b, 0x20)
phnum, = struct.unpack_from("<H", b, 0x38)
for i in range(phnum):
    o = phoff + i * 56
    ptype, flags, off = struct.unpack_from("<IIQ", b, o)
    filesz, = struct.unpack_from("<Q", b, o + 32)
    if ptype == 1 and flags & 1:
        open(d + "/segcut.elf", "wb").write(cut[:off + filesz // 2])
        break
PY
	hostile textpast "an ELF file whose .text lies past its end" "$T/textpast.elf" \
		"code section '.text' .* goes past the end of the file"
	hostile segcut "an ELF file cut in its code, without section headers" "$T/segcut.elf" \
		"executable segment .* goes past the end of the file"
	mkdir "$T/cutdir"
	cp "$T/textpast.elf" "$T/cutdir/a"
	run cutdir "$T/cutdir"
	eq "a directory holding it: exit 2" "$RC" 2
	ok "... naming the file" grep -q "^kabi: '$T/cutdir/a' offset .*: code section '.text'" "$T/cutdir.err"
else
	skip_part "no python3 or no 64-bit little-endian /bin/true to cut"
fi

finish
