/*
 * kabi check - are the syscalls that a list of names, an strace log, a
 * seccomp profile or ELF binaries need available on a kernel?
 *
 *   kabi check --kernel V [--abi A] [--input TYPE] INPUT...
 *   kabi check --min [--abi A] [--input TYPE] INPUT...
 *
 * An INPUT is a syscall name, "-" (names on standard input, or an input of
 * the --input type), or an existing file or directory whose type is sniffed
 * (kabi__check_kinds[]: a pipe is read once, then sniffed) or forced with
 * --input.  Every input becomes kabi_needs sets (artifact.h), and every ABI
 * of a set gets a table and a one-line verdict.
 * When only names are given the output is the single "check" table it has
 * always been.
 *
 * A syscall is required, or optional: glibc tries it first and falls back
 * on ENOSYS (the libc map, libc_syscalls.c), or --optional NAME[=FALLBACK]
 * says it may be missing.  The verdict is three-way: runs, runs with
 * fallbacks (the degraded paths listed: "statx -> newfstatat"), does not
 * run (the missing syscalls listed).
 *
 * Exit status: 0 it runs (with fallbacks or not), 1 it does not (or --min
 * finds no release), 2 an input or the catalog could not be read, or a name
 * given by the user is no syscall at all, 3 unknown: nothing is missing but
 * a syscall's implementation at the release is unknown (its era's entry
 * table was not read).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "abi.h"
#include "check_int.h"
#include "error.h"

/* --input's values: the kinds of input (check_inputs.c). */
static const char *input_value(size_t i, const char **help)
{
	if (i >= IN_AUTO)
		return NULL;
	if (help)
		*help = kabi__check_kinds[i].description;
	return kabi__check_kinds[i].name;
}

static const kabi_opt options[] = {
	{"kernel", 'k', "VERSION", "the release to check against", KABI_O_KERNEL, KABI_COMPLETE_RELEASE,
	 NULL},
	{"min", 'm', NULL, "print the releases on which all of them are implemented", KABI_O_MIN, 0, NULL},
	KABI_OPT_ABIS(
		"the ABIs to check, comma-separated or repeated, 'all' for every one (default: each input's "
		"own, x86_64 for names and strace logs)"),
	{"input", 0, "TYPE", "read every input as this type", KABI_O_INPUT, KABI_COMPLETE_VALUES,
	 input_value},
	{"optional", 0, "NAME[=FALLBACK][,...]",
	 "the program also runs without syscall NAME (using FALLBACK instead, when given); repeatable",
	 KABI_O_OPTIONAL, KABI_COMPLETE_SYSCALL, NULL},
	KABI_OPT_DB,
	KABI_OPT_FORMAT,
	{NULL},
};

const kabi_command kabi_cmd_check = {
	"check",
	cmd_check,
	"are the syscalls a program needs available on a kernel?",
	"--kernel VERSION [--abi ABI[,ABI...]|all] [--input TYPE] [--optional NAME[=FALLBACK]] [INPUT...]\n"
	"--min [--abi ABI[,ABI...]|all] [--input TYPE] [--optional NAME[=FALLBACK]] [INPUT...]",
	"Tells whether the syscalls that the inputs need are implemented on ABI at kernel release VERSION.  "
	"An INPUT is a syscall name, '-' (names on standard input, the default), or a file or directory: a "
	"directory is walked for ELF binaries, a file starting with \\x7fELF is a binary, one starting with "
	"'{' a seccomp profile (OCI/Docker), a tar (or gzip) file or a directory with an oci-layout file a "
	"container image, any other an strace log when it reads as one and a list of names otherwise.  "
	"--input forces the type of every input.\n\n"
	"Images: an OCI image layout (a directory or a tar), a docker save tarball or a root file system "
	"tarball, read in place; the ELF files of each image's final view count (whiteouts honoured), one "
	"verdict per image and ABI.  The ABI is each ELF header's; the config's architecture stands for "
	"headers that name none, and a note says when they disagree.\n\n"
	"ABIs: the binary's own, x86_64 for names and strace logs (plus the compat ABI after a personality "
	"switch), each architecture a profile covers, with minKernel compared to VERSION.  --abi A,B "
	"(or repeated) checks names and profiles on each ABI listed and binaries only on those listed, one "
	"verdict per input and ABI, each with the oldest release it runs on; an strace log is of one ABI, the first listed.  --abi all: every ABI with "
	"a table at VERSION (with --min: with any table).  --min prints the range of releases on which all of "
	"them are implemented (a profile's minKernel is then not applied).\n\n"
	"Fallbacks: glibc 2.36 tries some syscalls first and uses older ones when the kernel answers ENOSYS "
	"(statx, then newfstatat; faccessat2, then faccessat; clone3, then clone; the *_time64 calls, then "
	"the old ones).  Such a syscall of a binary's imports is optional: when it is missing and its "
	"fallbacks are there the verdict is 'runs with fallbacks' and lists the paths taken (statx -> "
	"newfstatat); a fallback alone is not needed while what it stands in for is there.  --optional "
	"NAME[=FALLBACK] makes a syscall of any input optional: it may be missing, or FALLBACK must be "
	"there instead (repeat the option for several fallbacks).  The table's need column says required, "
	"optional or fallback, alt the fallbacks of an optional syscall (none: it may simply be missing) or "
	"what a fallback stands in for.  Go binaries built by go1.19: the syscalls Go's runtime and "
	"standard library try first are optional too (getrandom, then reading /dev/urandom; "
	"copy_file_range, then read and write; epoll_create1, then epoll_create; waitid; arm64's "
	"prlimit64); a binary of another Go release keeps every syscall required, with a note.  With "
	"--min the range is "
	"where the input runs, fallbacks counted; when using no fallback gives another range, that one "
	"follows ('without fallbacks').\n\n"
	"The verdict: runs (every syscall available), runs with fallbacks, or does not run (the missing "
	"syscalls listed).  In csv and json the verdicts table has missing, fallbacks and (last) unknown "
	"counts.\n\n"
	"Unknown: where the catalog did not read the entry table of a release's era, a syscall in the table "
	"has status 'implementation unknown' (never 'available'): the verdict is then 'unknown' and lists "
	"them, unless something is missing; --min counts such a release as not implementing it.\n\n"
	"Exit status: 0 it runs, with fallbacks or not; 1 it does not (or --min finds no release); 3 "
	"unknown (nothing missing, some implementation unknown); 2 an "
	"error (an unreadable input, a name no kernel in the catalog has ever had, or an --optional name "
	"that is no syscall; a profile's unknown names are only warnings).  An input of which nothing could "
	"be read (an empty file, /dev/null), a device other than a terminal, binary data that is no ELF "
	"file or image, and an ELF file whose code lies past its end (a truncated file) are errors that "
	"name the input; the other inputs are still checked.  The first 20 unknown names are listed on "
	"stderr, one line tells of the rest.",
	options,
	KABI_COMPLETE_SYSCALL | KABI_COMPLETE_FILE,
};

/* The --input type, IN_AUTO when the option is absent. */
static int input_type(const char *name, in_type *t)
{
	int k;

	*t = IN_AUTO;
	if (!name)
		return 0;
	for (k = 0; k < IN_AUTO && strcmp(name, kabi__check_kinds[k].name) != 0; k++)
		;
	if (k == IN_AUTO) {
		kabi_strbuf types = KABI_STRBUF_INIT;
		int rc;

		for (k = 0; k < IN_AUTO; k++)
			kabi_strbuf_printf(&types, "%s%s", k ? ", " : "", kabi__check_kinds[k].name);
		rc = kabi_cli_usage(&kabi_cmd_check, "unknown input type '%s' (types: %s)", name, types.buf);
		kabi_strbuf_free(&types);
		return rc;
	}
	*t = (in_type)k;
	return 0;
}

static int is_path(const char *arg, in_type forced)
{
	struct stat st;

	return forced != IN_AUTO || strchr(arg, '/') || stat(arg, &st) == 0;
}

/* c->abis from --abi: each ABI named, and for "all" every ABI with a table
 * at the target (with --min: any table) that was not named; names of the
 * catalog's ABIs (borrowed from it).  < 0 on an error (reported). */
static int find_abis(checker *c, const kabi_cli_opts *o)
{
	const kabi_cat_abi *abis;
	size_t n, na, k, i;
	int *idx, all = 0, rc = 0;

	for (i = 0; i < o->nabis; i++)
		all |= strcmp(o->abis[i], "all") == 0;
	if (kabi_cli_find_abis(&idx, &n, c->cat, o))
		return -1;
	if (kabi_catalog_abis(&abis, &na, c->cat) < 0) {
		free(idx);
		return -kabi_cli_error("%s", kabi_error_last());
	}
	c->abis = kabi_calloc(n ? n : 1, sizeof(*c->abis));
	for (k = 0; k < n; k++) {
		int present = 1, named = 0;

		for (i = 0; all && i < o->nabis; i++) {
			const kabi_abi_info *alias = kabi_abi_lookup(o->abis[i]);

			named |= strcmp(alias ? alias->name : o->abis[i], abis[idx[k]].name) == 0;
		}
		if (all && !named && c->ord >= 0 &&
		    kabi_catalog_has_table(&present, c->cat, idx[k], c->ord) < 0) {
			rc = -kabi_cli_error("%s", kabi_error_last());
			break;
		}
		if (present)
			c->abis[c->nabis++] = abis[idx[k]].name;
	}
	free(idx);
	return rc;
}

int cmd_check(int argc, char **argv)
{
	kabi_cli_opts o;
	checker c;
	kabi_release_resolution res;
	kabi_needs *names = NULL;
	in_type forced;
	int i, j, ret = KABI_EXIT_ERROR, stdin_used = 0, nfiles = 0, names_only;

	memset(&c, 0, sizeof(c));
	c.ord = -1;
	i = kabi_cli_parse(&o, &kabi_cmd_check, argc, argv);
	if (i < 0)
		return i == -2 ? KABI_EXIT_OK : KABI_EXIT_ERROR;
	c.o = &o;
	if (input_type(o.input, &forced))
		goto out;
	if (!o.kernel && !o.min) {
		kabi_cli_usage(&kabi_cmd_check, "--kernel or --min is required");
		goto out;
	}
	if (o.kernel && o.min) {
		kabi_cli_usage(&kabi_cmd_check, "--kernel and --min do not go together");
		goto out;
	}
	names = kabi_needs_new("x86_64", "(arguments)");
	for (j = i; j < argc; j++) {
		if (strcmp(argv[j], "-") == 0)
			stdin_used = 1;
		else if (is_path(argv[j], forced))
			nfiles++;
		else
			kabi_needs_add(names, NULL, argv[j], -1, 1, NULL);
	}
	c.legacy = !nfiles && forced == IN_AUTO;
	if (c.legacy && (stdin_used || i == argc) &&
	    (kabi__check_not_a_device(NULL) < 0 || kabi__check_read_names(names, stdin, "-") < 0)) {
		kabi_cli_error("%s", kabi_error_last());
		goto out;
	}
	if (c.legacy && names->n == 0) {
		kabi_cli_usage(&kabi_cmd_check, "no syscall names to check");
		goto out;
	}
	if (kabi_cli_catalog(&c.cat, o.db))
		goto out;
	if (o.kernel) {
		if (kabi_cli_find_release(&res, c.cat, o.kernel))
			goto out;
		c.ord = res.ord;
		c.rel = res.name;
	}
	if (o.nabis && find_abis(&c, &o) < 0)
		goto out;
	/* names only, on several ABIs: a table and a verdict per ABI, as for
	 * a file of names (the names were read already) */
	names_only = c.legacy;
	if (c.nabis > 1)
		c.legacy = 0;
	if (kabi__check_open(&c) < 0 || kabi__check_optional(&c) < 0)
		goto out;
	c.out = kabi_out_new(o.fmt);
	if (names->n) {
		check_input in = {names_only ? "names" : "(arguments)", IN_NAMES, KABI_ITEMS_INIT, NULL, 0};

		kabi__check_listed(&c, &in, names);
	}
	for (j = i, stdin_used = 0; j < argc; j++) {
		if (strcmp(argv[j], "-") == 0) {
			if (!names_only && !stdin_used++)
				kabi__check_do_input(&c, NULL, forced == IN_AUTO ? IN_NAMES : forced);
		} else if (is_path(argv[j], forced)) {
			kabi__check_do_input(&c, argv[j], forced);
		}
	}
	if (!names_only && i == argc)
		kabi__check_do_input(&c, NULL, forced);
	if (c.broken)
		goto out; /* a damaged catalog: its one-line error, no half answer */
	kabi__check_verdict_table(&c);
	kabi_out_print(c.out, stdout);
	ret = c.errors   ? KABI_EXIT_ERROR
	      : c.failed ? KABI_EXIT_NO
	      : c.unsure ? KABI_EXIT_UNKNOWN
			 : KABI_EXIT_OK;
out:
	for (j = 0; j < (int)c.nv; j++) {
		free(c.v[j].input);
		free(c.v[j].abi);
		free(c.v[j].verdict);
		free(c.v[j].oldest);
	}
	free(c.v);
	free(c.abis);
	kabi__check_optional_free(&c);
	kabi_cli_opts_free(&o);
	kabi_needs_free(names);
	kabi_out_free(c.out);
	kabi_catalog_close(c.cat);
	return ret;
}
