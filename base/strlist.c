#include <stdlib.h>

#include "array.h"
#include "error.h"
#include "strlist.h"

void kabi_strlist_add_owned(kabi_strlist *l, char *s)
{
	KABI_ARRAY_GROW(l->v, l->n + 1, l->alloc);
	l->v[l->n++] = s;
}

void kabi_strlist_add(kabi_strlist *l, const char *s)
{
	kabi_strlist_add_owned(l, kabi_strdup(s));
}

void kabi_strlist_addn(kabi_strlist *l, const char *s, size_t len)
{
	kabi_strlist_add_owned(l, kabi_strndup(s, len));
}

void kabi_strlist_free(kabi_strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->alloc = 0;
}
