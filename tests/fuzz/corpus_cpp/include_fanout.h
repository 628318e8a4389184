#include "a"
@@
#include "a"
#include "a"
