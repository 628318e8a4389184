/* The progress renderer (query/progress.c): the ETA, the bar and plain
 * lines, and how often each is written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "progress.h"
#include "tap.h"

static kabi_progress mk(kabi_progress_event ev, const char *phase, const char *unit, size_t done,
			size_t total)
{
	kabi_progress p;

	memset(&p, 0, sizeof(p));
	p.event = ev;
	p.phase = phase;
	p.unit = unit;
	p.done = done;
	p.total = total;
	return p;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (; (hay = strstr(hay, needle)); hay++)
		n++;
	return n;
}

static void eta(void)
{
	EQ_INT(kabi_progress_eta(0, 10, 5.0), -1);  /* nothing done: no rate */
	EQ_INT(kabi_progress_eta(5, 10, 0.0), -1);  /* no time: no rate */
	EQ_INT(kabi_progress_eta(10, 10, 3.0), -1); /* nothing left */
	EQ_INT(kabi_progress_eta(12, 10, 3.0), -1); /* more than the total */
	EQ_INT(kabi_progress_eta(5, 10, 5.0), 5);
	EQ_INT(kabi_progress_eta(1, 4, 2.0), 6);
	EQ_INT(kabi_progress_eta(3, 4, 6.0), 2);
}

static void fmt_time(void)
{
	static const struct {
		double secs;
		const char *want;
	} cases[] = {{0, "0:00"},       {0.2, "0:01"},     {7, "0:07"},     {59.5, "1:00"},
		     {60, "1:00"},      {754, "12:34"},    {3599, "59:59"}, {3600, "1:00:00"},
		     {3723, "1:02:03"}, {1e9, "99:59:59"}, {-1, "?"},       {-0.001, "?"}};
	char buf[32];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		EQ_STR(kabi_progress_fmt_time(buf, sizeof(buf), cases[i].secs), cases[i].want);
	/* a small buffer truncates, never overflows */
	EQ_STR(kabi_progress_fmt_time(buf, 3, 754), "12");
}

static void bar(void)
{
	kabi_progress p = mk(KABI_PROGRESS_STEP, "signatures", "releases", 412, 930);
	char buf[512];
	size_t len;
	int w;

	/* 412/930 after 10 s: 518 left at 41.2 a second is 12.6 s; the bar is
	 * capped at 30 columns, 30 * 412 / 930 = 13.3 of them full */
	len = kabi_progress_fmt_bar(buf, sizeof(buf), &p, 10.0, 80);
	EQ_STR(buf, "kabi: signatures [#############.................] 412/930 releases, ETA 0:13");
	EQ_INT(len, strlen(buf));

	/* too narrow for a bar: the words, cut at the last column but one */
	len = kabi_progress_fmt_bar(buf, sizeof(buf), &p, 10.0, 30);
	EQ_STR(buf, "kabi: signatures 412/930 rele");
	EQ_INT(len, 29);

	/* a bar of what the words leave: 13 columns (5 full), 5 (2), none below 5 */
	kabi_progress_fmt_bar(buf, sizeof(buf), &p, 10.0, 60);
	EQ_STR(buf, "kabi: signatures [#####........] 412/930 releases, ETA 0:13");
	len = kabi_progress_fmt_bar(buf, sizeof(buf), &p, 10.0, 52);
	EQ_STR(buf, "kabi: signatures [##...] 412/930 releases, ETA 0:13");
	EQ_INT(len, 51);
	kabi_progress_fmt_bar(buf, sizeof(buf), &p, 10.0, 51);
	EQ_STR(buf, "kabi: signatures 412/930 releases, ETA 0:13");

	/* never more than width - 1 columns, whatever the width */
	for (w = -1; w < 200; w++) {
		len = kabi_progress_fmt_bar(buf, sizeof(buf), &p, 10.0, w);
		OK(len == strlen(buf) && len <= (size_t)(w > 1 ? w - 1 : 0), "width %d: %zu columns", w, len);
	}
	/* nor more than the buffer */
	len = kabi_progress_fmt_bar(buf, 20, &p, 10.0, 80);
	EQ_INT(len, 19);
	EQ_INT(strlen(buf), 19);

	/* at the start: no rate, no ETA */
	p.done = 0;
	kabi_progress_fmt_bar(buf, sizeof(buf), &p, 0.0, 80);
	EQ_STR(buf, "kabi: signatures [..............................] 0/930 releases");

	/* all done: full, no ETA; more than the total stays full */
	p.done = 930;
	kabi_progress_fmt_bar(buf, sizeof(buf), &p, 20.0, 80);
	EQ_STR(buf, "kabi: signatures [##############################] 930/930 releases");
	p.done = 1000;
	kabi_progress_fmt_bar(buf, sizeof(buf), &p, 20.0, 80);
	EQ_STR(buf, "kabi: signatures [##############################] 1000/930 releases");

	/* nothing to do: no bar */
	p = mk(KABI_PROGRESS_STEP, "attribution", "ranges", 0, 0);
	kabi_progress_fmt_bar(buf, sizeof(buf), &p, 1.0, 80);
	EQ_STR(buf, "kabi: attribution 0/0 ranges");

	/* the second counter */
	p = mk(KABI_PROGRESS_STEP, "attribution", "ranges", 3, 5);
	p.aux_unit = "commits";
	p.aux = 123456;
	kabi_progress_fmt_bar(buf, sizeof(buf), &p, 3.0, 80);
	/* 22 columns left for the bar, 13 of them full */
	EQ_STR(buf, "kabi: attribution [#############.........] 3/5 ranges, 123456 commits, ETA 0:02");
}

static void line(void)
{
	kabi_progress p = mk(KABI_PROGRESS_START, "tables", "releases", 0, 7);
	char buf[256];

	kabi_progress_fmt_line(buf, sizeof(buf), &p, 0.0);
	EQ_STR(buf, "kabi: tables: started (7 releases)");
	p.event = KABI_PROGRESS_STEP;
	p.done = 3;
	kabi_progress_fmt_line(buf, sizeof(buf), &p, 1.2);
	EQ_STR(buf, "kabi: tables: 3/7 releases, 1.2 s, ETA 0:02");
	p.done = 0;
	kabi_progress_fmt_line(buf, sizeof(buf), &p, 1.2);
	EQ_STR(buf, "kabi: tables: 0/7 releases, 1.2 s");
	p.event = KABI_PROGRESS_END;
	p.done = 7;
	kabi_progress_fmt_line(buf, sizeof(buf), &p, 2.34);
	EQ_STR(buf, "kabi: tables: done, 7/7 releases in 2.3 s");
	p = mk(KABI_PROGRESS_END, "attribution", "ranges", 5, 5);
	p.aux_unit = "commits";
	p.aux = 17;
	kabi_progress_fmt_line(buf, sizeof(buf), &p, 0.04);
	EQ_STR(buf, "kabi: attribution: done, 5/5 ranges, 17 commits in 0.0 s");
}

static void modes(void)
{
	kabi_progress_mode m = KABI_PROGRESS_BAR;
	static const char *const bad[] = {"", "Bar", "plainx", "no", "bars", NULL};
	size_t i;

	OK(kabi_progress_mode_parse(&m, "none") == 0 && m == KABI_PROGRESS_NONE, "none");
	OK(kabi_progress_mode_parse(&m, "plain") == 0 && m == KABI_PROGRESS_PLAIN, "plain");
	OK(kabi_progress_mode_parse(&m, "bar") == 0 && m == KABI_PROGRESS_BAR, "bar");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		m = KABI_PROGRESS_NONE;
		OK(kabi_progress_mode_parse(&m, bad[i]) < 0 && m == KABI_PROGRESS_NONE, "rejects '%s'",
		   bad[i] ? bad[i] : "(null)");
	}
}

/* What a renderer writes for a sequence of (event, done, time). */
typedef struct {
	kabi_progress_event ev;
	size_t done;
	double t;
} step;

static char *run(kabi_progress_mode mode, const char *phase, size_t total, const step *s, size_t n)
{
	kabi_progress_ui ui;
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&buf, &len);

	kabi_progress_ui_init(&ui, mode, f);
	ui.width = 80;
	for (i = 0; i < n; i++) {
		kabi_progress p = mk(s[i].ev, phase, "releases", s[i].done, total);

		kabi_progress_ui_update_at(&ui, &p, s[i].t);
	}
	fclose(f);
	return buf;
}

/* The bar: drawn at the start, redrawn 10 times a second at most, and
 * blanked at the end over its whole width. */
static void pacing_bar(void)
{
	step s[1002];
	size_t i, longest = 0;
	char *out, *end, *p;

	s[0] = (step){KABI_PROGRESS_START, 0, 100.0};
	for (i = 1; i <= 1000; i++) /* a step every millisecond for a second */
		s[i] = (step){KABI_PROGRESS_STEP, i, 100.0 + (double)i / 1000.0};
	s[1001] = (step){KABI_PROGRESS_END, 1000, 101.5};
	out = run(KABI_PROGRESS_BAR, "tables", 1000, s, 1002);
	OK(count(out, "kabi: tables [") >= 9 && count(out, "kabi: tables [") <= 11,
	   "the first draw and 10 a second at most: %zu", count(out, "kabi: tables ["));
	EQ_INT(count(out, "\n"), 0);
	OK(strstr(out, "\rkabi: tables [..............................] 0/1000 releases") == out,
	   "drawn at once");
	OK(strstr(out, "ETA ") != NULL, "with an ETA");
	/* each draw starts at the margin; the end blanks the longest (what
	 * a shorter draw leaves of a longer one is blanked by that draw) */
	for (p = out; (p = strchr(p, '\r')); p++) {
		size_t k = strcspn(p + 1, "\r");

		while (k > 0 && p[k] == ' ')
			k--;
		if (k > longest && p[1] != ' ')
			longest = k;
	}
	end = strrchr(out, '\r');
	OK(end && end > out && end[1] == '\0', "ends at the margin");
	*end = '\0';
	end = strrchr(out, '\r');
	OK(end && strspn(end + 1, " ") == strlen(end + 1) && strlen(end + 1) >= longest,
	   "blanked over the widest bar (%zu >= %zu)", end ? strlen(end + 1) : 0, longest);
	free(out);

	/* a message cleared the bar: the next step draws it at once */
	{
		kabi_progress_ui ui;
		kabi_progress p1 = mk(KABI_PROGRESS_START, "tables", "releases", 0, 10);
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);

		kabi_progress_ui_init(&ui, KABI_PROGRESS_BAR, f);
		ui.width = 80;
		kabi_progress_ui_update_at(&ui, &p1, 0.0);
		p1.event = KABI_PROGRESS_STEP;
		p1.done = 1;
		kabi_progress_ui_update_at(&ui, &p1, 0.01);
		fflush(f);
		EQ_INT(count(buf, "kabi: tables ["), 1);
		kabi_progress_ui_clear(&ui);
		fputs("kabi: note: x\n", f);
		kabi_progress_ui_clear(&ui); /* twice: nothing more */
		p1.done = 2;
		kabi_progress_ui_update_at(&ui, &p1, 0.02);
		fclose(f);
		EQ_INT(count(buf, "kabi: tables ["), 2);
		OK(strstr(buf, "\rkabi: note: x\n\rkabi: tables [") != NULL,
		   "the note on a line of its own: %s", buf);
		free(buf);
	}
}

static size_t lines(const char *s, const char *prefix)
{
	size_t n = 0, k = strlen(prefix);

	for (; s && *s; s = strchr(s, '\n') ? strchr(s, '\n') + 1 : NULL)
		n += strncmp(s, prefix, k) == 0;
	return n;
}

/* Plain lines: start and end, and in between a tenth more at most once a
 * second, or every 10 seconds whatever was done. */
static void pacing_plain(void)
{
	step s[1002];
	size_t i;
	char *out;

	/* fast: 1000 steps in half a second, only the start and the end */
	s[0] = (step){KABI_PROGRESS_START, 0, 0.0};
	for (i = 1; i <= 1000; i++)
		s[i] = (step){KABI_PROGRESS_STEP, i, (double)i / 2000.0};
	s[1001] = (step){KABI_PROGRESS_END, 1000, 0.5};
	out = run(KABI_PROGRESS_PLAIN, "tables", 1000, s, 1002);
	EQ_STR(out, "kabi: tables: started (1000 releases)\nkabi: tables: done, 1000/1000 releases "
		    "in 0.5 s\n");
	free(out);

	/* steady over 100 s: a line per tenth */
	for (i = 1; i <= 1000; i++)
		s[i] = (step){KABI_PROGRESS_STEP, i, (double)i / 10.0};
	s[1001] = (step){KABI_PROGRESS_END, 1000, 100.0};
	out = run(KABI_PROGRESS_PLAIN, "tables", 1000, s, 1002);
	EQ_INT(lines(out, "kabi: tables: "), 11);
	OK(strstr(out, "\nkabi: tables: 100/1000 releases, 10.0 s, ETA 1:30\n") != NULL, "first tenth: %s",
	   out);
	OK(strstr(out, "\nkabi: tables: 900/1000 releases, 90.0 s, ETA 0:10\n") != NULL, "last tenth");
	EQ_INT(count(out, "1000/1000"), 1); /* the last step is the END line's */
	free(out);

	/* few slow steps: each is a tenth and takes over a second */
	{
		const step few[] = {{KABI_PROGRESS_START, 0, 0}, {KABI_PROGRESS_STEP, 1, 3},
				    {KABI_PROGRESS_STEP, 2, 6},  {KABI_PROGRESS_STEP, 3, 9},
				    {KABI_PROGRESS_STEP, 4, 12}, {KABI_PROGRESS_STEP, 5, 15},
				    {KABI_PROGRESS_END, 5, 15}};

		out = run(KABI_PROGRESS_PLAIN, "signatures", 5, few, sizeof(few) / sizeof(few[0]));
		EQ_INT(lines(out, "kabi: signatures: "), 6);
		free(out);
	}
	/* stalled (the attribution's commits move, its ranges do not): every
	 * 10 seconds */
	{
		const step stall[] = {{KABI_PROGRESS_START, 0, 0}, {KABI_PROGRESS_STEP, 1, 0.5},
				      {KABI_PROGRESS_STEP, 1, 5},  {KABI_PROGRESS_STEP, 1, 11},
				      {KABI_PROGRESS_STEP, 1, 15}, {KABI_PROGRESS_STEP, 1, 22},
				      {KABI_PROGRESS_END, 100, 23}};

		out = run(KABI_PROGRESS_PLAIN, "attribution", 100, stall, sizeof(stall) / sizeof(stall[0]));
		EQ_INT(lines(out, "kabi: attribution: 1/100"), 2);
		OK(strstr(out, "kabi: attribution: 1/100 releases, 11.0 s") != NULL, "at 11 s: %s", out);
		OK(strstr(out, "kabi: attribution: 1/100 releases, 22.0 s") != NULL, "at 22 s");
		free(out);
	}
	/* none: nothing at all */
	out = run(KABI_PROGRESS_NONE, "tables", 1000, s, 1002);
	EQ_STR(out, "");
	free(out);
}

int main(void)
{
	eta();
	fmt_time();
	bar();
	line();
	modes();
	pacing_bar();
	pacing_plain();
	return tap_done();
}
