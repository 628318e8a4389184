#define __NR_Linux 4000
#if _MIPS_SIM == _MIPS_SIM_ABI32
#define __NR_exit (__NR_Linux + 1)
#endif
