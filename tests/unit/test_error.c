/* base/error.c: messages, wrapping, threads. */
#include <pthread.h>
#include <string.h>

#include "error.h"
#include "tap.h"

static void *other_thread(void *arg)
{
	(void)arg;
	kabi_error_set(KABI_EIO, "in the other thread");
	return NULL;
}

int main(void)
{
	pthread_t t;
	char big[3000];

	kabi_error_clear();
	EQ_STR(kabi_error_last(), "unknown error");

	EQ_INT(kabi_error_set(KABI_EINVALID, "bad '%s'", "x"), KABI_EINVALID);
	EQ_STR(kabi_error_last(), "bad 'x'");

	/* Wrapping: the previous message as an argument of the next one. */
	kabi_error_set(KABI_EIO, "no such object");
	kabi_error_set(KABI_EIO, "cannot read '%s' at %s: %s", "a.tbl", "v6.1", kabi_error_last());
	EQ_STR(kabi_error_last(), "cannot read 'a.tbl' at v6.1: no such object");
	kabi_error_set(KABI_EIO, "%s", kabi_error_last());
	EQ_STR(kabi_error_last(), "cannot read 'a.tbl' at v6.1: no such object");
	kabi_error_set(KABI_EIO, "outer: %s", kabi_error_last());
	EQ_STR(kabi_error_last(), "outer: cannot read 'a.tbl' at v6.1: no such object");

	/* Long messages are cut, not overrun, and stay terminated. */
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	kabi_error_set(KABI_ERROR, "%s", big);
	OK(strlen(kabi_error_last()) > 500 && strlen(kabi_error_last()) < sizeof(big), "long message cut");
	kabi_error_set(KABI_ERROR, "x: %s", kabi_error_last());
	OK(strncmp(kabi_error_last(), "x: aaa", 6) == 0, "long message wrapped");

	/* Per thread. */
	kabi_error_set(KABI_ERROR, "mine");
	pthread_create(&t, NULL, other_thread, NULL);
	pthread_join(t, NULL);
	EQ_STR(kabi_error_last(), "mine");

	kabi_error_clear();
	EQ_STR(kabi_error_last(), "unknown error");
	return tap_done();
}
