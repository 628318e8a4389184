/* base/utf8.c: repository text cleaned before it is stored. */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "utf8.h"

static void clean(const char *in, const char *want)
{
	char *got = kabi_utf8_clean(in);

	EQ_STR(got, want);
	OK(kabi_utf8_is_clean(got, strlen(got)), "the result of cleaning '%s' is clean", want);
	free(got);
}

#define FFFD "\xEF\xBF\xBD"

int main(void)
{
	OK(kabi_utf8_is_clean("", 0), "empty");
	OK(kabi_utf8_is_clean("x86: add clone3", 15), "ASCII");
	OK(kabi_utf8_is_clean("Ingo Moln\xC3\xA1r \xE2\x9C\x93 \xF0\x9F\x90\xA7", 21),
	   "2, 3 and 4 byte forms");
	OK(kabi_utf8_is_clean("a\tb", 3), "a tab is text");
	OK(!kabi_utf8_is_clean("\xFF", 1), "0xFF");
	OK(!kabi_utf8_is_clean("\xC0\xAF", 2), "overlong '/'");
	OK(!kabi_utf8_is_clean("\xED\xA0\x80", 3), "a surrogate");
	OK(!kabi_utf8_is_clean("\xF4\x90\x80\x80", 4), "past U+10FFFF");
	OK(!kabi_utf8_is_clean("\xE2\x9C", 2), "truncated");
	OK(!kabi_utf8_is_clean("\x1B[31mred", 8), "an escape sequence");
	OK(!kabi_utf8_is_clean("\xC2\x9B"
			       "31m",
			       5),
	   "a C1 CSI");
	OK(!kabi_utf8_is_clean("a\nb", 3), "a newline");

	clean("fine", "fine");
	clean("Moln\xC3\xA1r", "Moln\xC3\xA1r");
	clean("bad \xFF byte", "bad " FFFD " byte");
	clean("\x1B[31mred\x1B[0m", FFFD "[31mred" FFFD "[0m");
	clean("cut \xE2\x9C", "cut " FFFD FFFD);
	clean("\xC0\xAF", FFFD FFFD);
	clean("two\nlines", "two" FFFD "lines");
	return tap_done();
}
