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
 * Exit status: 0 everything is available, 1 something is not (or --min
 * finds no release), 2 an input or the catalog could not be read, or a name
 * given by the user is no syscall at all.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
	KABI_OPT_ABI("the ABI of names and strace logs (default x86_64), or the only one to check"),
	{"input", 0, "TYPE", "read every input as this type", KABI_O_INPUT, KABI_COMPLETE_VALUES,
	 input_value},
	KABI_OPT_DB,
	KABI_OPT_FORMAT,
	{NULL},
};

const kabi_command kabi_cmd_check = {
	"check",
	cmd_check,
	"are the syscalls a program needs available on a kernel?",
	"--kernel VERSION [--abi ABI] [--input TYPE] [INPUT...]\n"
	"--min [--abi ABI] [--input TYPE] [INPUT...]",
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
	"ABIs: the binary's own, --abi (default x86_64) for names and strace logs (plus the compat ABI after "
	"a personality switch), each architecture a profile covers (or --abi), with minKernel compared to "
	"VERSION.  --min prints the range of releases on which all of them are implemented (a profile's "
	"minKernel is then not applied).\n\n"
	"Exit status: 0 all are available, 1 some are not (or --min finds no release), 2 an error (an "
	"unreadable input, or a name no kernel in the catalog has ever had; a profile's unknown names are "
	"only warnings).",
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

int cmd_check(int argc, char **argv)
{
	kabi_cli_opts o;
	checker c;
	kabi_release_resolution res;
	kabi_needs *names = NULL;
	in_type forced;
	int i, j, ret = KABI_EXIT_ERROR, stdin_used = 0, nfiles = 0;

	memset(&c, 0, sizeof(c));
	c.ord = -1;
	i = kabi_cli_parse(&o, &kabi_cmd_check, argc, argv);
	if (i < 0)
		return i == -2 ? KABI_EXIT_OK : KABI_EXIT_ERROR;
	if (input_type(o.input, &forced))
		return KABI_EXIT_ERROR;
	if (!o.kernel && !o.min)
		return kabi_cli_usage(&kabi_cmd_check, "--kernel or --min is required");
	if (o.kernel && o.min)
		return kabi_cli_usage(&kabi_cmd_check, "--kernel and --min do not go together");
	c.o = &o;
	names = kabi_needs_new(o.abi ? o.abi : "x86_64", "(arguments)");
	for (j = i; j < argc; j++) {
		if (strcmp(argv[j], "-") == 0)
			stdin_used = 1;
		else if (is_path(argv[j], forced))
			nfiles++;
		else
			kabi_needs_add(names, NULL, argv[j], -1, 1, NULL);
	}
	c.legacy = !nfiles && forced == IN_AUTO;
	if (c.legacy && (stdin_used || i == argc) && kabi__check_read_names(names, stdin, "-") < 0) {
		kabi_cli_error("%s", kabi_error_last());
		goto out;
	}
	if (c.legacy && names->n == 0) {
		kabi_cli_usage(&kabi_cmd_check, "no syscall names to check");
		goto out;
	}
	if (kabi_cli_catalog(&c.cat, o.db))
		goto out;
	if (o.abi && kabi_cli_find_abi(&j, c.cat, o.abi))
		goto out;
	if (o.kernel) {
		if (kabi_cli_find_release(&res, c.cat, o.kernel))
			goto out;
		c.ord = res.ord;
		c.rel = res.name;
	}
	if (kabi__check_open(&c) < 0)
		goto out;
	c.out = kabi_out_new(o.fmt);
	if (names->n) {
		check_input in = {c.legacy ? "names" : "(arguments)", IN_NAMES, KABI_ITEMS_INIT};

		kabi__check_set(&c, &in, names, 0, NULL);
	}
	for (j = i, stdin_used = 0; j < argc; j++) {
		if (strcmp(argv[j], "-") == 0) {
			if (!c.legacy && !stdin_used++)
				kabi__check_do_input(&c, NULL, forced == IN_AUTO ? IN_NAMES : forced);
		} else if (is_path(argv[j], forced)) {
			kabi__check_do_input(&c, argv[j], forced);
		}
	}
	if (!c.legacy && i == argc)
		kabi__check_do_input(&c, NULL, forced);
	if (c.broken)
		goto out; /* a damaged catalog: its one-line error, no half answer */
	kabi__check_verdict_table(&c);
	kabi_out_print(c.out, stdout);
	ret = c.errors ? KABI_EXIT_ERROR : c.failed ? KABI_EXIT_NO : KABI_EXIT_OK;
out:
	for (j = 0; j < (int)c.nv; j++) {
		free(c.v[j].input);
		free(c.v[j].abi);
		free(c.v[j].verdict);
	}
	free(c.v);
	kabi_needs_free(names);
	kabi_out_free(c.out);
	kabi_catalog_close(c.cat);
	return ret;
}
