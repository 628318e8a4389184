/*
 * kabi harvest: the command's table (--help, the man page, the completions).
 * The harvest itself runs in kabi-helper (query/helper_harvest.c), which
 * links libgit2: `kabi` execs it (query/helper.c, docs/architecture.md
 * "Two programs").
 */
#include "cli.h"

static const kabi_opt options[] = {
	{"refs", 'r', "PATTERN", "also read the refs that match this fnmatch pattern (repeatable)",
	 KABI_O_REFS, 0, NULL},
	{"quiet", 'q', NULL, "print only errors: no progress, notes or summary", KABI_O_QUIET, 0, NULL},
	KABI_OPT_PROGRESS,
	KABI_OPT_DB,
	{NULL},
};

const kabi_command kabi_cmd_harvest = {
	"harvest",
	cmd_harvest,
	"build or update the catalog from a kernel git repository",
	"[REPO] [--refs PATTERN]... [--quiet]",
	"Reads every release tag (vX.Y, vX.Y-rcN, vX.Y.Z) of the kernel git repository REPO (default: .) and "
	"records each ABI's syscall table in the catalog.  Only releases the catalog does not have yet are "
	"read.  --refs takes fnmatch patterns of other refs; their version comes from the name or the Makefile."
	"\n\nProgress goes to stderr, phase by phase (tables, signatures, attribution): a bar on a terminal, "
	"plain lines otherwise (--progress).",
	options,
	KABI_COMPLETE_DIR,
};
