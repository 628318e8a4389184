#define f(x, ...) x(__VA_ARGS__
f(f,
 f, 1)
#if 1 ? -1u >> 63 : 1 / 0
#elif
#endif
#if 1
