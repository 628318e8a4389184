#define a(x) x x
a(a(a(a(1))))
#define b c
#define c b
b c
