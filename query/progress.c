/*
 * progress.c - the progress bar and plain progress lines (progress.h).
 *
 * The bar is erased by overwriting it with spaces, not with an escape
 * sequence, so it works on any terminal that honours a carriage return.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"

#define BAR_INTERVAL 0.1  /* seconds between redraws: 10 a second */
#define PLAIN_MIN    1.0  /* seconds between plain lines, at least */
#define PLAIN_MAX    10.0 /* and at most, while the work goes on */
#define BAR_MAX      30   /* columns of the bar itself */

static const struct {
	const char *name;
	kabi_progress_mode mode;
} modes[] = {{"bar", KABI_PROGRESS_BAR}, {"plain", KABI_PROGRESS_PLAIN}, {"none", KABI_PROGRESS_NONE}};

const char *kabi_progress_mode_value(size_t i, const char **help)
{
	if (help)
		*help = NULL;
	return i < sizeof(modes) / sizeof(modes[0]) ? modes[i].name : NULL;
}

int kabi_progress_mode_parse(kabi_progress_mode *mode, const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (s && strcmp(s, modes[i].name) == 0) {
			*mode = modes[i].mode;
			return 0;
		}
	return -1;
}

kabi_progress_mode kabi_progress_mode_default(FILE *out)
{
	return isatty(fileno(out)) ? KABI_PROGRESS_BAR : KABI_PROGRESS_PLAIN;
}

/* The terminal's width: the tty's, else $COLUMNS, else 80. */
static int columns(FILE *out)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");

	if (ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if (env && atoi(env) > 0)
		return atoi(env);
	return 80;
}

void kabi_progress_ui_init(kabi_progress_ui *ui, kabi_progress_mode mode, FILE *out)
{
	memset(ui, 0, sizeof(*ui));
	ui->mode = mode;
	ui->out = out;
	ui->width = mode == KABI_PROGRESS_BAR ? columns(out) : 80;
}

double kabi_progress_eta(size_t done, size_t total, double elapsed)
{
	if (done == 0 || done >= total || !(elapsed > 0))
		return -1;
	return elapsed * (double)(total - done) / (double)done;
}

char *kabi_progress_fmt_time(char *buf, size_t n, double secs)
{
	unsigned long s;

	if (!(secs >= 0)) {
		snprintf(buf, n, "?");
		return buf;
	}
	if (secs > 359999) /* 99:59:59: an estimate that long is no estimate */
		secs = 359999;
	s = (unsigned long)secs;
	if ((double)s < secs)
		s++; /* rounded up: "0:00" only when nothing is left */
	if (s < 3600)
		snprintf(buf, n, "%lu:%02lu", s / 60, s % 60);
	else
		snprintf(buf, n, "%lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
	return buf;
}

/* snprintf at buf + *len, keeping *len within n - 1 (the text truncated). */
static void add(char *buf, size_t n, size_t *len, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void add(char *buf, size_t n, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (*len + 1 >= n)
		return;
	va_start(ap, fmt);
	k = vsnprintf(buf + *len, n - *len, fmt, ap);
	va_end(ap);
	if (k < 0)
		return;
	*len += (size_t)k < n - *len ? (size_t)k : n - *len - 1;
}

/* " 12/930 releases, 1234 commits" */
static void add_counts(char *buf, size_t n, size_t *len, const kabi_progress *p)
{
	add(buf, n, len, "%zu/%zu %s", p->done, p->total, p->unit ? p->unit : "");
	if (p->aux_unit)
		add(buf, n, len, ", %zu %s", p->aux, p->aux_unit);
}

size_t kabi_progress_fmt_bar(char *buf, size_t n, const kabi_progress *p, double elapsed, int width)
{
	char tail[160], eta[32];
	size_t tlen = 0, len = 0, max, head, barw, fill, i;
	double left = kabi_progress_eta(p->done, p->total, elapsed);

	if (n == 0)
		return 0;
	buf[0] = '\0';
	add_counts(tail, sizeof(tail), &tlen, p);
	if (left >= 0)
		add(tail, sizeof(tail), &tlen, ", ETA %s", kabi_progress_fmt_time(eta, sizeof(eta), left));
	max = width > 1 ? (size_t)width - 1 : 0;
	if (max >= n)
		max = n - 1;
	add(buf, max + 1, &len, "kabi: %s ", p->phase);
	head = len;
	/* "[bar] " takes what the words leave, up to BAR_MAX; none below 5 */
	barw = max > head + tlen + 3 ? max - head - tlen - 3 : 0;
	if (barw > BAR_MAX)
		barw = BAR_MAX;
	if (barw >= 5 && p->total > 0) {
		fill = p->done >= p->total ? barw : barw * p->done / p->total;
		buf[len++] = '[';
		for (i = 0; i < barw; i++)
			buf[len++] = i < fill ? '#' : '.';
		buf[len++] = ']';
		buf[len++] = ' ';
		buf[len] = '\0';
	}
	add(buf, max + 1, &len, "%s", tail);
	return len;
}

size_t kabi_progress_fmt_line(char *buf, size_t n, const kabi_progress *p, double elapsed)
{
	char eta[32];
	size_t len = 0;
	double left;

	if (n == 0)
		return 0;
	buf[0] = '\0';
	add(buf, n, &len, "kabi: %s: ", p->phase);
	switch (p->event) {
	case KABI_PROGRESS_START:
		add(buf, n, &len, "started (%zu %s)", p->total, p->unit ? p->unit : "");
		break;
	case KABI_PROGRESS_STEP:
		add_counts(buf, n, &len, p);
		add(buf, n, &len, ", %.1f s", elapsed);
		left = kabi_progress_eta(p->done, p->total, elapsed);
		if (left >= 0)
			add(buf, n, &len, ", ETA %s", kabi_progress_fmt_time(eta, sizeof(eta), left));
		break;
	case KABI_PROGRESS_END:
		add(buf, n, &len, "done, ");
		add_counts(buf, n, &len, p);
		add(buf, n, &len, " in %.1f s", elapsed);
		break;
	}
	return len;
}

static void draw(kabi_progress_ui *ui, const kabi_progress *p, double now)
{
	char line[512];
	size_t len = kabi_progress_fmt_bar(line, sizeof(line), p, now - ui->start, ui->width);

	/* what the last bar had beyond this one is blanked */
	fprintf(ui->out, "\r%s%*s", line, ui->shown > len ? (int)(ui->shown - len) : 0, "");
	fflush(ui->out);
	ui->shown = len > 0 ? len : 1;
	ui->last = now;
}

void kabi_progress_ui_clear(kabi_progress_ui *ui)
{
	if (ui->mode != KABI_PROGRESS_BAR || !ui->shown)
		return;
	fprintf(ui->out, "\r%*s\r", (int)ui->shown, "");
	fflush(ui->out);
	ui->shown = 0;
}

static void plain(kabi_progress_ui *ui, const kabi_progress *p, double now)
{
	char line[512];

	kabi_progress_fmt_line(line, sizeof(line), p, now - ui->start);
	fprintf(ui->out, "%s\n", line);
	fflush(ui->out);
	ui->last = now;
	ui->last_done = p->done;
}

/* A plain line in the middle of a phase: a tenth more done and a second
 * since the last line, or 10 seconds since it whatever was done. */
static int plain_due(const kabi_progress_ui *ui, const kabi_progress *p, double now)
{
	size_t tenth = p->total / 10 ? p->total / 10 : 1;

	if (p->done >= p->total && p->total > 0)
		return 0; /* the END line says it */
	if (now - ui->last >= PLAIN_MAX)
		return 1;
	return p->done >= ui->last_done + tenth && now - ui->last >= PLAIN_MIN;
}

void kabi_progress_ui_update_at(kabi_progress_ui *ui, const kabi_progress *p, double now)
{
	if (ui->mode == KABI_PROGRESS_NONE)
		return;
	switch (p->event) {
	case KABI_PROGRESS_START:
		ui->start = now;
		ui->last_done = 0;
		if (ui->mode == KABI_PROGRESS_BAR) {
			ui->width = columns(ui->out); /* the terminal may have been resized */
			draw(ui, p, now);
		} else {
			plain(ui, p, now);
		}
		break;
	case KABI_PROGRESS_STEP:
		if (ui->mode == KABI_PROGRESS_BAR) {
			if (!ui->shown || now - ui->last >= BAR_INTERVAL)
				draw(ui, p, now);
		} else if (plain_due(ui, p, now)) {
			plain(ui, p, now);
		}
		break;
	case KABI_PROGRESS_END:
		if (ui->mode == KABI_PROGRESS_BAR)
			kabi_progress_ui_clear(ui);
		else
			plain(ui, p, now);
		break;
	}
}

void kabi_progress_ui_update(void *ctx, const kabi_progress *p)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	kabi_progress_ui_update_at(ctx, p, (double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}
