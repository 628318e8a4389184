#include "a.h"
#include <m.h>
X
@@
#ifndef G
#define G
#define X 1 /* c
 */ + \
 2
#endif
#include "a.h"
