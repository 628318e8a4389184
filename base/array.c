#include "array.h"
#include "error.h"

int kabi_size_mul(size_t *out, size_t n, size_t size)
{
	if (__builtin_mul_overflow(n, size, out))
		return kabi_error_set(KABI_ENOMEM, "%zu elements of %zu bytes do not fit in memory", n, size);
	return 0;
}

int kabi_array_size(size_t *out_alloc, size_t *out_bytes, size_t alloc, size_t need, size_t elsize)
{
	size_t a;

	if (__builtin_mul_overflow(alloc, 2, &a))
		a = need; /* doubling overflows: what is asked, if that fits */
	if (a < KABI_ARRAY_MIN)
		a = KABI_ARRAY_MIN;
	if (a < need)
		a = need;
	*out_alloc = a;
	return kabi_size_mul(out_bytes, a, elsize);
}

void *kabi_array_grow_(void *v, size_t *alloc, size_t need, size_t elsize)
{
	size_t a, bytes;

	if (kabi_array_size(&a, &bytes, *alloc, need, elsize) < 0)
		kabi_oom();
	v = kabi_realloc(v, bytes);
	*alloc = a;
	return v;
}

void *kabi_array_resize_(void *v, size_t n, size_t elsize)
{
	size_t bytes;

	if (kabi_size_mul(&bytes, n, elsize) < 0)
		kabi_oom();
	return kabi_realloc(v, bytes);
}
