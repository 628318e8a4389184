/* The check engine's counting rule as data: for each kind of input and
 * each thing the catalog can say of a syscall, whether it passes, fails
 * the verdict, or is only mentioned. */
#include "check_int.h"
#include "tap.h"

int main(void)
{
	static const struct {
		in_type t;
		int known;
		kabi_sc_status st;
		kabi_chk_count want;
		const char *why;
	} cases[] = {
		{IN_NAMES, 1, KABI_SC_AVAILABLE, KABI_CHK_OK, "a listed syscall the kernel has"},
		{IN_NAMES, 1, KABI_SC_NOT_IMPLEMENTED, KABI_CHK_MISSING, "sys_ni_syscall is not there"},
		{IN_NAMES, 1, KABI_SC_ADDED_LATER, KABI_CHK_MISSING, "newer than the target"},
		{IN_NAMES, 1, KABI_SC_REMOVED, KABI_CHK_MISSING, "removed before the target"},
		{IN_NAMES, 1, KABI_SC_NEVER, KABI_CHK_MISSING, "the user asked for it on this ABI"},
		{IN_NAMES, 0, KABI_SC_AVAILABLE, KABI_CHK_UNKNOWN, "a typo is reported, not counted"},
		{IN_STRACE, 1, KABI_SC_NEVER, KABI_CHK_MISSING, "a log's syscall was made: it is needed"},
		{IN_STRACE, 0, KABI_SC_AVAILABLE, KABI_CHK_MISSING, "a log's unknown syscall is needed"},
		{IN_STRACE, 1, KABI_SC_AVAILABLE, KABI_CHK_OK, "a logged syscall the kernel has"},
		{IN_ELF, 0, KABI_SC_AVAILABLE, KABI_CHK_MISSING, "a program's unknown number is needed"},
		{IN_ELF, 1, KABI_SC_REMOVED, KABI_CHK_MISSING, "a program's removed syscall"},
		{IN_ELF, 1, KABI_SC_NOT_IMPLEMENTED, KABI_CHK_MISSING, "a program's unimplemented syscall"},
		{IN_SECCOMP, 1, KABI_SC_NEVER, KABI_CHK_ELSEWHERE, "profiles list other ABIs' syscalls"},
		{IN_SECCOMP, 0, KABI_SC_AVAILABLE, KABI_CHK_UNKNOWN, "a profile's typo is a warning"},
		{IN_SECCOMP, 1, KABI_SC_ADDED_LATER, KABI_CHK_MISSING, "an allowed syscall the target lacks"},
		{IN_SECCOMP, 1, KABI_SC_AVAILABLE, KABI_CHK_OK, "an allowed syscall the target has"},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		OK(kabi__check_count(cases[i].t, cases[i].known, cases[i].st) == cases[i].want, "%s: %s",
		   kabi__check_kinds[cases[i].t].name, cases[i].why);
	OK(kabi__check_unknown_is_error(IN_NAMES), "unknown names in a typed list are an error");
	OK(!kabi__check_unknown_is_error(IN_SECCOMP), "... in a profile, a warning");
	OK(!kabi__check_unknown_is_error(IN_STRACE) && !kabi__check_unknown_is_error(IN_ELF),
	   "... in a log or a program, a missing syscall");
	return tap_done();
}
