/* The check engine's counting rule as data: for each kind of input and
 * each thing the catalog can say of a syscall, whether it passes, fails
 * the verdict, or is only mentioned. */
#include "check_int.h"
#include "tap.h"

int main(void)
{
#define REQ KABI_NEED_REQUIRED
#define OPT KABI_NEED_OPTIONAL
#define FB  KABI_NEED_FALLBACK
	static const struct {
		in_type t;
		kabi_need_role role;
		int known;
		kabi_sc_status st;
		kabi_chk_count want;
		const char *why;
	} cases[] = {
		{IN_NAMES, REQ, 1, KABI_SC_AVAILABLE, KABI_CHK_OK, "a listed syscall the kernel has"},
		{IN_NAMES, REQ, 1, KABI_SC_NOT_IMPLEMENTED, KABI_CHK_MISSING, "sys_ni_syscall is not there"},
		{IN_NAMES, REQ, 1, KABI_SC_ADDED_LATER, KABI_CHK_MISSING, "newer than the target"},
		{IN_NAMES, REQ, 1, KABI_SC_REMOVED, KABI_CHK_MISSING, "removed before the target"},
		{IN_NAMES, REQ, 1, KABI_SC_NEVER, KABI_CHK_MISSING, "the user asked for it on this ABI"},
		{IN_NAMES, REQ, 0, KABI_SC_AVAILABLE, KABI_CHK_UNKNOWN, "a typo is reported, not counted"},
		{IN_STRACE, REQ, 1, KABI_SC_NEVER, KABI_CHK_MISSING,
		 "a log's syscall was made: it is needed"},
		{IN_STRACE, REQ, 0, KABI_SC_AVAILABLE, KABI_CHK_MISSING, "a log's unknown syscall is needed"},
		{IN_STRACE, REQ, 1, KABI_SC_AVAILABLE, KABI_CHK_OK, "a logged syscall the kernel has"},
		{IN_ELF, REQ, 0, KABI_SC_AVAILABLE, KABI_CHK_MISSING, "a program's unknown number is needed"},
		{IN_ELF, REQ, 1, KABI_SC_REMOVED, KABI_CHK_MISSING, "a program's removed syscall"},
		{IN_ELF, REQ, 1, KABI_SC_NOT_IMPLEMENTED, KABI_CHK_MISSING,
		 "a program's unimplemented syscall"},
		{IN_SECCOMP, REQ, 1, KABI_SC_NEVER, KABI_CHK_ELSEWHERE, "profiles list other ABIs' syscalls"},
		{IN_SECCOMP, REQ, 0, KABI_SC_AVAILABLE, KABI_CHK_UNKNOWN, "a profile's typo is a warning"},
		{IN_SECCOMP, REQ, 1, KABI_SC_ADDED_LATER, KABI_CHK_MISSING,
		 "an allowed syscall the target lacks"},
		{IN_SECCOMP, REQ, 1, KABI_SC_AVAILABLE, KABI_CHK_OK, "an allowed syscall the target has"},
		/* optional: glibc's first choice (statx, faccessat2, clone3) */
		{IN_ELF, OPT, 1, KABI_SC_ADDED_LATER, KABI_CHK_FALLBACK,
		 "statx on 3.10: its fallback decides"},
		{IN_ELF, OPT, 1, KABI_SC_AVAILABLE, KABI_CHK_OK, "an optional syscall the kernel has"},
		{IN_ELF, OPT, 1, KABI_SC_NEVER, KABI_CHK_FALLBACK, "clone3 on an ABI that never got it"},
		{IN_ELF, OPT, 1, KABI_SC_NOT_IMPLEMENTED, KABI_CHK_FALLBACK, "sys_ni_syscall answers ENOSYS"},
		{IN_ELF, OPT, 1, KABI_SC_REMOVED, KABI_CHK_FALLBACK, "a removed syscall answers ENOSYS"},
		{IN_STRACE, OPT, 1, KABI_SC_ADDED_LATER, KABI_CHK_FALLBACK, "--optional on a log"},
		{IN_NAMES, OPT, 1, KABI_SC_ADDED_LATER, KABI_CHK_FALLBACK, "--optional on a list"},
		{IN_NAMES, OPT, 0, KABI_SC_AVAILABLE, KABI_CHK_UNKNOWN, "a typo stays a typo"},
		{IN_SECCOMP, OPT, 1, KABI_SC_NEVER, KABI_CHK_ELSEWHERE, "another ABI's, optional or not"},
		{IN_SECCOMP, OPT, 1, KABI_SC_ADDED_LATER, KABI_CHK_FALLBACK, "an optional allowed syscall"},
		/* only a fallback: needed when its first choice is missing */
		{IN_ELF, FB, 1, KABI_SC_AVAILABLE, KABI_CHK_OK, "newfstatat on 3.10"},
		{IN_ELF, FB, 1, KABI_SC_REMOVED, KABI_CHK_SPARE,
		 "a removed fallback counts through its first"},
		{IN_ELF, FB, 1, KABI_SC_NEVER, KABI_CHK_SPARE, "a fallback the ABI never had"},
		{IN_ELF, FB, 0, KABI_SC_AVAILABLE, KABI_CHK_SPARE, "a fallback the catalog does not know"},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		OK(kabi__check_count(cases[i].t, cases[i].role, cases[i].known, cases[i].st) == cases[i].want,
		   "%s, %s: %s", kabi__check_kinds[cases[i].t].name, kabi__check_role_word(cases[i].role),
		   cases[i].why);
	/* whatever the kind: a required syscall that is missing never passes,
	 * a missing fallback never fails a verdict on its own */
	for (i = 0; i < IN_AUTO; i++) {
		int st, bad = 0;

		for (st = KABI_SC_NOT_IMPLEMENTED; st <= KABI_SC_NEVER; st++) {
			kabi_chk_count r = kabi__check_count((in_type)i, REQ, 1, (kabi_sc_status)st),
				       f = kabi__check_count((in_type)i, FB, 1, (kabi_sc_status)st);

			bad |= r == KABI_CHK_OK || r == KABI_CHK_FALLBACK || r == KABI_CHK_SPARE;
			bad |= f == KABI_CHK_MISSING || f == KABI_CHK_FALLBACK;
		}
		OK(!bad, "%s: missing required never passes, missing fallback never fails",
		   kabi__check_kinds[i].name);
	}
	OK(kabi__check_unknown_is_error(IN_NAMES), "unknown names in a typed list are an error");
	OK(!kabi__check_unknown_is_error(IN_SECCOMP), "... in a profile, a warning");
	OK(!kabi__check_unknown_is_error(IN_STRACE) && !kabi__check_unknown_is_error(IN_ELF),
	   "... in a log or a program, a missing syscall");
	return tap_done();
}
