/* Kernel version parsing, ordering and formatting. */
#include <string.h>

#include "error.h"
#include "tap.h"
#include "version.h"

static int cmp(const char *a, const char *b)
{
	kabi_version x, y;

	if (kabi_version_parse(&x, a) < 0 || kabi_version_parse(&y, b) < 0)
		return 99;
	return kabi_version_cmp(&x, &y);
}

/* is_line(text), and whether version `of` is in the line `text` names */
static void line(const char *text, int is_line, const char *of, int in)
{
	kabi_version l, v;

	OK(kabi_version_parse(&l, text) == 0 && kabi_version_parse(&v, of) == 0, "parse '%s', '%s'", text,
	   of);
	OK(kabi_version_is_line(&l) == is_line, "'%s' %s a line", text, is_line ? "names" : "does not name");
	OK(kabi_version_in_line(&v, &l) == in, "'%s' %s in the line of '%s'", of, in ? "is" : "is not", text);
}

static void fmt(const char *in, const char *want)
{
	kabi_version v;
	char buf[64] = "";

	OK(kabi_version_parse(&v, in) == 0, "parse '%s': %s", in, kabi_error_last());
	kabi_version_format(&v, buf, sizeof(buf));
	EQ_STR(buf, want);
}

/* follows(a, b): no kernel release between a and b (the release history:
 * 3.19 was followed by 4.0, 4.20 by 5.0, 5.19 by 6.0, 2.6.39 by 3.0). */
static void follows(const char *a, const char *b, int want)
{
	kabi_version va, vb;

	if (kabi_version_parse(&va, a) < 0 || kabi_version_parse(&vb, b) < 0) {
		OK(0, "%s, %s parse", a, b);
		return;
	}
	OK(kabi_version_follows(&va, &vb) == want, "%s %s %s", b, want ? "follows" : "does not follow", a);
}

int main(void)
{
	static const char *const bad[] = {"",     "v",      "6",        "v6",          "6.",
					  "6..1", "6.1-rc", "6.1-rc0",  "6.1-rc1x",    "6.1.2.3.4",
					  "x6.1", "6.1 ",   "6.1-tree", "2.6.11-tree", "300.1"};
	/* linux.git's own order, checked against the release history */
	static const char *const order[] = {
		"v2.6.11",   "v2.6.12-rc2", "v2.6.12-rc6", "v2.6.12",   "v2.6.12.1", "v2.6.39.4", "v3.0-rc1",
		"v3.0",      "v3.0.101",    "v3.9",        "v3.10-rc7", "v3.10",     "v3.10.108", "v4.9",
		"v4.10-rc1", "v4.10",       "v6.1",        "v6.1.192",  "v6.2-rc1",  "v6.12.117", "v7.1-rc4"};
	kabi_version v;
	size_t i;
	const char mk[] = "# SPDX-License-Identifier: GPL-2.0\nVERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 192\n"
			  "EXTRAVERSION =\nNAME = Curry Ramen\n";
	const char mk_rc[] = "VERSION = 5\nPATCHLEVEL = 19\nSUBLEVEL = 0\nEXTRAVERSION = -rc3\n";
	const char mk_26[] = "VERSION = 2\nPATCHLEVEL = 6\nSUBLEVEL = 32\nEXTRAVERSION = .71\n";

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		OK(kabi_version_parse(&v, bad[i]) == KABI_EINVALID, "'%s' must not parse", bad[i]);
	for (i = 0; i + 1 < sizeof(order) / sizeof(order[0]); i++)
		OK(cmp(order[i], order[i + 1]) < 0, "%s < %s", order[i], order[i + 1]);
	EQ_INT(cmp("6.1", "v6.1.0"), 0);
	EQ_INT(cmp("v4.9", "v4.10"), -1);
	EQ_INT(cmp("6.1-rc3", "6.1-rc10"), -1);

	fmt("v6.1", "6.1");
	fmt("6.1.0", "6.1");
	fmt("v2.6.12-rc2", "2.6.12-rc2");
	fmt("2.6.32.71", "2.6.32.71");
	fmt("v6.12.117", "6.12.117");

	OK(kabi_version_from_makefile(&v, mk, strlen(mk)) == 0, "makefile");
	EQ_INT(cmp("6.1.192", "6.1.192"), 0);
	{
		char buf[32];

		kabi_version_format(&v, buf, sizeof(buf));
		EQ_STR(buf, "6.1.192");
		OK(kabi_version_from_makefile(&v, mk_rc, strlen(mk_rc)) == 0, "makefile rc");
		kabi_version_format(&v, buf, sizeof(buf));
		EQ_STR(buf, "5.19-rc3");
		OK(kabi_version_from_makefile(&v, mk_26, strlen(mk_26)) == 0, "makefile 2.6 stable");
		kabi_version_format(&v, buf, sizeof(buf));
		EQ_STR(buf, "2.6.32.71");
		kabi_version_line(&v, buf, sizeof(buf));
		EQ_STR(buf, "2.6.32");
	}
	OK(kabi_version_from_makefile(&v, "all:\n", 5) == KABI_EINVALID, "no VERSION");

	/* Release lines: what "6.1" may stand for when v6.1 is not harvested. */
	line("6.1", 1, "6.1.192", 1);
	line("v6.1.0", 1, "6.1-rc3", 1);
	line("6.1", 1, "6.1.2.3", 1);
	line("6.1", 1, "6.12", 0);
	line("6.1", 1, "6.2-rc1", 0);
	line("6.1", 1, "7.1", 0);
	line("6.1.3", 0, "6.1.4", 1); /* the line of 6.1.3 is 6.1, yet "6.1.3" names one release */
	line("6.1-rc2", 0, "6.1", 1);
	line("2.6.32", 1, "2.6.32.71", 1);
	line("2.6.32", 1, "2.6.33", 0);
	line("2.6.32", 1, "2.6.32-rc1", 1);
	line("2.6.32.5", 0, "2.6.32.71", 1);
	line("2.6.32-rc1", 0, "2.6.32", 1);
	line("3.0", 1, "3.0.101", 1);
	line("3.0", 1, "2.6.39.4", 0);
	follows("6.1", "6.2", 1);
	follows("6.1", "6.2-rc1", 1);
	follows("6.1.192", "6.2", 1);
	follows("6.1.192", "6.2-rc1", 1);
	follows("6.1.5", "6.1.6", 1);
	follows("6.1", "6.1.1", 1);
	follows("6.1-rc2", "6.1-rc3", 1);
	follows("6.1-rc7", "6.1", 1);
	follows("3.19", "4.0", 1);
	follows("4.20", "5.0-rc1", 1);
	follows("5.19.17", "6.0", 1);
	follows("2.6.39", "3.0", 1);
	follows("2.6.32.71", "2.6.33", 1);
	follows("2.6.32", "2.6.32.1", 1);
	follows("6.1.192", "6.12.118", 0); /* the Debian catalog's gap */
	follows("6.1", "6.3", 0);
	follows("6.1", "6.2.3", 0);
	follows("6.1", "6.2-rc2", 0);
	follows("6.1-rc1", "6.1-rc3", 0);
	follows("6.1-rc3", "6.2", 0);
	follows("6.1.5", "6.1.7", 0);
	follows("3.19", "3.20", 0);
	follows("4.19", "5.0", 0);
	follows("2.6.39", "2.6.40", 0);
	follows("3.4.108", "3.10.105", 0);
	follows("6.2", "6.1", 0);
	return tap_done();
}
