/* Go's fallback table (query/go_syscalls.c).  The expected values are Go
 * 1.19's numbers (syscall/zsysnum_linux_amd64.go: getrandom 318,
 * epoll_create 213, epoll_create1 291, waitid 247; arm64 (generic):
 * getrandom 278, prlimit64 261) and what its sources do, not copies of the
 * table; the loop checks the table's shape. */
#include <string.h>

#include "abi.h"
#include "artifact.h"
#include "tap.h"

/* 1 when list is "" or comma-separated names, none empty */
static int names_ok(const char *list)
{
	return list && (!*list || (list[0] != ',' && list[strlen(list) - 1] != ',' && !strstr(list, ",,")));
}

int main(void)
{
	const kabi_go_fallback *r;
	size_t i, j;

	/* the release the table was read in, and no other */
	OK(kabi_go_version_known("go1.19"), "go1.19");
	OK(kabi_go_version_known("go1.19.8"), "go1.19.8 (Debian 12)");
	OK(!kabi_go_version_known("go1.190"), "not go1.190");
	OK(!kabi_go_version_known("go1.20.1"), "not go1.20.1");
	OK(!kabi_go_version_known("go1.18"), "not go1.18");
	OK(!kabi_go_version_known(""), "not an unknown version");
	OK(!kabi_go_version_known(NULL), "not NULL");

	/* crypto/rand: getrandom first, /dev/urandom (openat, read) on failure */
	r = kabi_go_fallback_find("internal/syscall/unix.GetRandom", "x86_64", 318);
	OK(r && r->role == KABI_NEED_OPTIONAL, "getrandom in unix.GetRandom is optional");
	EQ_STR(r ? r->alt : "", "openat,read");
	OK(kabi_go_fallback_find("internal/syscall/unix.GetRandom", "arm64", 278) != NULL,
	   "... on arm64 too");
	OK(kabi_go_fallback_find("internal/syscall/unix.GetRandom", "x86_64", 0) == NULL,
	   "another number in that function is not the row's");
	OK(kabi_go_fallback_find("internal/syscall/unix.GetRandom", "i386", -1) == NULL,
	   "an ABI whose Go call sites are not decoded has no row");
	/* the runtime's assembly stubs, named with .abi0 in .symtab */
	r = kabi_go_fallback_find("runtime.epollcreate1.abi0", "x86_64", 291);
	OK(r && r->role == KABI_NEED_OPTIONAL && strcmp(r->alt, "epoll_create") == 0,
	   "epoll_create1 -> epoll_create on x86_64");
	r = kabi_go_fallback_find("runtime.epollcreate", "x86_64", 213);
	OK(r && r->role == KABI_NEED_FALLBACK && strcmp(r->alt, "epoll_create1") == 0,
	   "epoll_create is epoll_create1's fallback");
	OK(kabi_go_fallback_find("runtime.epollcreate1", "arm64", -1) == NULL,
	   "arm64's stubs both make epoll_create1: no fallback there");
	OK(kabi_go_fallback_find("runtime.epollcreate1x", "x86_64", 291) == NULL,
	   "a longer name is not the row's");
	r = kabi_go_fallback_find("os.(*Process).blockUntilWaitable", "x86_64", 247);
	OK(r && r->role == KABI_NEED_OPTIONAL && !*r->alt, "waitid: optional, nothing instead");
	r = kabi_go_fallback_find("syscall.prlimit", "arm64", 261);
	OK(r && strcmp(r->alt, "getrlimit,setrlimit") == 0, "arm64's Getrlimit/Setrlimit: prlimit64 first");
	OK(kabi_go_fallback_find("syscall.Faccessat", NULL, -1) == NULL &&
		   kabi_go_fallback_find("syscall.faccessat", NULL, -1) == NULL,
	   "Go 1.19's Faccessat never tries faccessat2: no row");

	for (i = 0; i < kabi_go_fallback_count(); i++) {
		r = kabi_go_fallback_row(i);
		OK(r->func && *r->func && r->syscall && *r->syscall && r->source && *r->source && r->nr >= 0,
		   "row %zu is filled", i);
		OK(kabi_abi_find(r->abi) != NULL, "row %zu: %s is an ABI", i, r->abi);
		OK(r->role == KABI_NEED_OPTIONAL || r->role == KABI_NEED_FALLBACK,
		   "row %zu: optional or fallback", i);
		OK(names_ok(r->alt) && (r->role == KABI_NEED_OPTIONAL || *r->alt), "row %zu: alt '%s'", i,
		   r->alt);
		for (j = 0; j < i; j++)
			OK(strcmp(r->func, kabi_go_fallback_row(j)->func) != 0 ||
				   strcmp(r->abi, kabi_go_fallback_row(j)->abi) != 0,
			   "row %zu: one row per function and ABI", i);
		/* a fallback row stands in for an optional row of the same ABI */
		if (r->role == KABI_NEED_FALLBACK) {
			int found = 0;

			for (j = 0; j < kabi_go_fallback_count(); j++)
				found |= kabi_go_fallback_row(j)->role == KABI_NEED_OPTIONAL &&
					 strcmp(kabi_go_fallback_row(j)->abi, r->abi) == 0 &&
					 strcmp(kabi_go_fallback_row(j)->syscall, r->alt) == 0 &&
					 strstr(kabi_go_fallback_row(j)->alt, r->syscall) != NULL;
			OK(found, "row %zu: %s is named as %s's fallback", i, r->syscall, r->alt);
		}
	}
	OK(kabi_go_fallback_row(kabi_go_fallback_count()) == NULL, "past the end: NULL");
	return tap_done();
}
