/* The kinds of input `kabi check` reads (kabi__check_kinds[],
 * query/check_inputs.c): the table is whole, and an input's first bytes
 * pick its kind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_int.h"
#include "error.h"
#include "tap.h"

static char dir[] = "/tmp/kabi-kinds-XXXXXX";

static const char *put(const char *name, const char *bytes, size_t len)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(bytes, 1, len, f) != len || fclose(f) != 0)
		OK(0, "cannot write %s", path);
	return path;
}

static const char *sniff(const char *path)
{
	in_type t = IN_AUTO;

	if (kabi__check_sniff(path, &t) < 0)
		return "(error)";
	return t < IN_AUTO ? kabi__check_kinds[t].name : "(auto)";
}

int main(void)
{
	size_t k, j;
	int dirs = 0, bad = 0;
	char sub[300], long_text[2048];

	for (k = 0; k < IN_AUTO; k++) {
		const check_kind *r = &kabi__check_kinds[k];

		if (!r->name || !*r->name || !r->description || !*r->description || !r->read) {
			OK(0, "kind %zu lacks a name, description or reader", k);
			bad = 1;
		}
		for (j = 0; j < k; j++)
			if (strcmp(kabi__check_kinds[j].name, r->name) == 0) {
				OK(0, "kind '%s' twice", r->name);
				bad = 1;
			}
		if (r->fallback != IN_AUTO && (r->fallback == (in_type)k || !r->sniff)) {
			OK(0, "'%s' falls back to itself, or is never sniffed", r->name);
			bad = 1;
		}
		dirs += !!(r->flags & KIND_DIR);
	}
	OK(!bad, "every kind has a name of its own, a description and a reader");
	EQ_INT(dirs, 1);
	EQ_STR(kabi__check_kinds[IN_NAMES].name, "names");
	EQ_STR(kabi__check_kinds[IN_STRACE].name, "strace");
	EQ_STR(kabi__check_kinds[IN_SECCOMP].name, "seccomp");
	EQ_STR(kabi__check_kinds[IN_ELF].name, "elf");
	EQ_STR(kabi__check_kinds[IN_IMAGE].name, "image");
	EQ_INT(kabi__check_kinds[IN_STRACE].fallback, IN_NAMES);

	if (!mkdtemp(dir))
		return OK(0, "mkdtemp"), tap_done();
	EQ_STR(sniff(put("a.out",
			 "\x7f"
			 "ELF\2\1\1",
			 7)),
	       "elf");
	EQ_STR(sniff(put("profile.json", " \n\t{\"defaultAction\": 1}", 23)), "seccomp");
	EQ_STR(sniff(put("log", "123 openat(AT_FDCWD, \"x\", O_RDONLY) = 3\n", 40)), "strace");
	EQ_STR(sniff(put("names", "read write\n", 11)), "strace"); /* text: only reading tells */
	EQ_STR(sniff(put("empty", "", 0)), "strace");
	EQ_STR(sniff(put("elfish",
			 "\x7f"
			 "EL",
			 3)),
	       "strace");
	/* only the first 512 bytes are looked at */
	memset(long_text, ' ', sizeof(long_text));
	long_text[sizeof(long_text) - 1] = '{';
	EQ_STR(sniff(put("late-brace", long_text, sizeof(long_text))), "strace");
	{
		/* a tar header: "a", size 0, its checksum; a gzip stream */
		char tar[512] = "a";
		unsigned sum = 0;
		size_t i;

		memcpy(tar + 100, "0000644", 8);
		memcpy(tar + 124, "00000000000", 12);
		memset(tar + 148, ' ', 8);
		tar[156] = '0';
		memcpy(tar + 257,
		       "ustar\0"
		       "00",
		       8);
		for (i = 0; i < sizeof(tar); i++)
			sum += (unsigned char)tar[i];
		snprintf(tar + 148, 8, "%06o", sum);
		EQ_STR(sniff(put("root.tar", tar, sizeof(tar))), "image");
		tar[0] = 'b'; /* the checksum no longer holds: binary data of no kind */
		EQ_STR(sniff(put("bad.tar", tar, sizeof(tar))), "(error)");
		OK(strstr(kabi_error_last(), "binary data that is no ELF file or image") != NULL,
		   "a broken tar header is binary data, not text: %s", kabi_error_last());
		EQ_STR(sniff(put("root.tar.gz", "\x1f\x8b\x08\0", 4)), "image");
	}
	snprintf(sub, sizeof(sub), "%s/bin", dir);
	mkdir(sub, 0755);
	EQ_STR(sniff(sub), "elf");
	put("bin/oci-layout", "{}", 2);
	EQ_STR(sniff(sub), "image"); /* a directory with an oci-layout file */
	snprintf(sub, sizeof(sub), "%s/bin/oci-layout", dir);
	unlink(sub);
	snprintf(sub, sizeof(sub), "%s/bin", dir);
	snprintf(sub, sizeof(sub), "%s/missing", dir);
	EQ_STR(sniff(sub), "(error)");
	OK(strstr(kabi_error_last(), "missing") != NULL, "the error names the file: %s", kabi_error_last());

	{
		const char *names[] = {"a.out",  "profile.json", "log",      "names",   "empty",
				       "elfish", "late-brace",   "root.tar", "bad.tar", "root.tar.gz"};

		for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
			snprintf(sub, sizeof(sub), "%s/%s", dir, names[k]);
			unlink(sub);
		}
		snprintf(sub, sizeof(sub), "%s/bin", dir);
		rmdir(sub);
		rmdir(dir);
	}
	return tap_done();
}
