/*
 * progress.c - the progress line of a file being read (see progress.h).
 */
#include "progress.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CHECK_EVERY 4096u     /* packets between two looks at the clock */
#define REDRAW_NS 500000000ll /* at most two redraws a second */

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void np_progress_start(np_progress *p, int fd, const char *name, enum np_progress_mode mode,
		       np_progress_position_fn position, void *ctx)
{
	memset(p, 0, sizeof(*p));
	if (fd < 0 || mode == NP_PROGRESS_OFF)
		return;
	struct stat st;
	p->size = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? (int64_t)st.st_size : -1;
	p->tty = isatty(STDERR_FILENO) == 1;
	if (mode == NP_PROGRESS_AUTO && (!p->tty || p->size < NP_PROGRESS_MIN_BYTES))
		return;
	const char *slash = strrchr(name, '/');
	p->name = strcmp(name, "-") == 0 ? "standard input" : slash ? slash + 1 : name;
	p->position = position;
	p->position_ctx = ctx;
	p->countdown = CHECK_EVERY;
	p->start_ns = now_ns();
	p->next_ns = p->start_ns + REDRAW_NS;
	p->active = true;
}

/* "812 B", "4.2 MB", "1.31 GB": decimal units, as du -h --si and pv do. */
static void human_bytes(char *buf, size_t len, double v)
{
	static const char *const units[] = {"B", "kB", "MB", "GB", "TB"};
	int u = 0;
	while (v >= 1000 && u < 4) {
		v /= 1000;
		u++;
	}
	snprintf(buf, len, u == 0 ? "%.0f %s" : v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, units[u]);
}

static void human_count(char *buf, size_t len, double v)
{
	if (v >= 1e9)
		snprintf(buf, len, "%.2fG", v / 1e9);
	else if (v >= 1e6)
		snprintf(buf, len, "%.2fM", v / 1e6);
	else if (v >= 1e4)
		snprintf(buf, len, "%.1fk", v / 1e3);
	else
		snprintf(buf, len, "%.0f", v);
}

static void human_time(char *buf, size_t len, double s)
{
	long t = (long)(s + 0.5);
	if (t >= 3600)
		snprintf(buf, len, "%ldh%02ldm", t / 3600, t / 60 % 60);
	else if (t >= 60)
		snprintf(buf, len, "%ldm%02lds", t / 60, t % 60);
	else
		snprintf(buf, len, "%lds", t);
}

/* Append to the line being built (cut, never overrun, when it is full). */
static void add(char *line, size_t cap, size_t *len, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void add(char *line, size_t cap, size_t *len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line + *len, cap - *len, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len = *len + (size_t)n < cap ? *len + (size_t)n : cap - 1;
}

/* "big.pcap: 1.31 GB of 20.0 GB (6%), 3.52M packets, 1.21M packets/s,
 * 452 MB/s, 41s left"; bytes only where the stream has a position (not a
 * pipe), share and time left only where the size is known. */
static void draw(np_progress *p, int64_t now, bool last)
{
	char line[256], a[32], b[32];
	size_t len = 0;
	int64_t pos = p->position(p->position_ctx);
	double read = (double)pos;
	double secs = (double)(now - p->start_ns) / 1e9;
	if (secs <= 0)
		secs = 1e-9;
	add(line, sizeof(line), &len, "%s: ", p->name);
	if (pos >= 0) {
		human_bytes(a, sizeof(a), read);
		add(line, sizeof(line), &len, "%s", a);
		if (p->size > 0) {
			human_bytes(b, sizeof(b), (double)p->size);
			add(line, sizeof(line), &len, " of %s (%.0f%%)", b, 100.0 * read / (double)p->size);
		}
		add(line, sizeof(line), &len, ", ");
	}
	human_count(a, sizeof(a), (double)p->packets);
	human_count(b, sizeof(b), (double)p->packets / secs);
	add(line, sizeof(line), &len, "%s packets, %s packets/s", a, b);
	if (pos >= 0) {
		human_bytes(a, sizeof(a), read / secs);
		add(line, sizeof(line), &len, ", %s/s", a);
	}
	if (last) {
		human_time(a, sizeof(a), secs);
		add(line, sizeof(line), &len, " in %s", a);
	} else if (pos > 0 && p->size > 0) {
		human_time(a, sizeof(a), ((double)p->size - read) * secs / read);
		add(line, sizeof(line), &len, ", %s left", a);
	}
	fprintf(stderr, "%s%s%s", p->tty ? "\r" : "", line, p->tty ? "\033[K" : "\n");
	fflush(stderr);
}

void np_progress_tick(np_progress *p)
{
	p->countdown = CHECK_EVERY;
	if (!p->active)
		return;
	int64_t now = now_ns();
	if (now < p->next_ns)
		return;
	p->next_ns = now + REDRAW_NS;
	draw(p, now, false);
}

void np_progress_end(np_progress *p)
{
	if (!p->active)
		return;
	p->active = false;
	draw(p, now_ns(), true);
	if (p->tty)
		fputc('\n', stderr);
	fflush(stderr);
}
