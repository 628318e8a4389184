#define S(x) #x
#define C(a, ...) a ## __VA_ARGS__ , ## __VA_ARGS__
S(C(1,2)) C(x) C(,)
#if (1 ? 2 : 3) << 2 > 0x7u && !defined X || -1 / 1 % 2
#endif
