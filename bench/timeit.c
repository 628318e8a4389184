/*
 * kabi-timeit: run a command and report its wall time, CPU time and peak memory.
 *
 *   kabi-timeit OUTFILE COMMAND [ARG...]
 *
 * Runs COMMAND with stdin, stdout and stderr inherited, waits for it with
 * wait4() and writes one line to OUTFILE:
 *
 *   <wall seconds> <max RSS KiB> <exit status> <CPU seconds, user + system>
 *
 * CPU time is the figure to compare on a shared machine: wall time moves with
 * whatever else runs, CPU time far less.
 * It exits with the command's status.  This replaces /usr/bin/time -v, which
 * a minimal system may not have; getrusage's ru_maxrss is the same figure.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	int status = 0, rc;
	pid_t pid;
	FILE *out;

	if (argc < 3) {
		fprintf(stderr, "usage: kabi-timeit OUTFILE COMMAND [ARG...]\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "kabi-timeit: fork: %s\n", strerror(errno));
		return 2;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "kabi-timeit: cannot run '%s': %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "kabi-timeit: wait4: %s\n", strerror(errno));
			return 2;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	out = fopen(argv[1], "w");
	if (!out) {
		fprintf(stderr, "kabi-timeit: cannot write '%s': %s\n", argv[1], strerror(errno));
		return 2;
	}
	fprintf(out, "%.3f %ld %d %.3f\n",
		(double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, ru.ru_maxrss, rc,
		(double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
			(double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6);
	fclose(out);
	return rc;
}
