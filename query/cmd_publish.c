/*
 * kabi publish: the command's table (--help, the man page, the completions).
 * Publishing runs in kabi-helper (query/helper_publish.c): the site is
 * written with libxml2, which `kabi` does not link (docs/architecture.md
 * "Two programs").
 */
#include "cli.h"

static const kabi_opt options[] = {
	{"force", 'f', NULL, "write into a DIR that is not empty", KABI_O_FORCE, 0, NULL},
	{"quiet", 'q', NULL, "print only errors: no progress or summary", KABI_O_QUIET, 0, NULL},
	KABI_OPT_PROGRESS,
	KABI_OPT_DB,
	{NULL},
};

const kabi_command kabi_cmd_publish = {
	"publish",
	cmd_publish,
	"the offline catalog: database, exports and a static web site",
	"DIR [--force]",
	"Writes the offline catalog into DIR: kabi.db (read-only) and schema.md, export/FORMAT/ABI.EXT for "
	"every export format and ABI at the newest release, and a static web site (open DIR/index.html; no "
	"network needed).  DIR must be empty or new; --force writes into a non-empty DIR, replacing the files "
	"it writes and leaving the others.\n\nProgress goes to stderr: a bar on a terminal, plain lines "
	"otherwise (--progress).",
	options,
	KABI_COMPLETE_DIR,
};
