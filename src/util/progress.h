/*
 * progress.h - one self-updating line on standard error while a file is
 * read: bytes read and their share of the file, packets, rate, time left.
 *
 * The reader calls np_progress_packet() once per packet: a counter and,
 * every few thousand packets, a look at the clock; the line is redrawn at
 * most twice a second, so it costs nothing a run could measure. On a
 * terminal the line rewrites itself (carriage return); elsewhere (only when
 * forced on) each update is a line of its own. The last state (total
 * bytes, packets, mean rates, time taken) stays, ended by a newline, when
 * the read ends, even when the read was too quick for an update.
 *
 * Not for: standard output (never written), live captures (no end to
 * count towards).
 */
#ifndef NP_PROGRESS_H
#define NP_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

enum np_progress_mode {
	NP_PROGRESS_AUTO = 0, /* on when stderr is a terminal and the file is large */
	NP_PROGRESS_ON,       /* --progress */
	NP_PROGRESS_OFF,      /* --no-progress */
};

/* Files at least this large get the line in NP_PROGRESS_AUTO. */
#define NP_PROGRESS_MIN_BYTES (32ll * 1024 * 1024)

/* Bytes of the stream read so far, or -1 when it has no position (a pipe). */
typedef int64_t (*np_progress_position_fn)(void *ctx);

typedef struct np_progress {
	bool active;
	bool tty;           /* stderr is a terminal: rewrite the line in place */
	uint32_t countdown; /* packets until the next look at the clock */
	uint64_t packets;
	np_progress_position_fn position;
	void *position_ctx;
	int64_t size; /* bytes, -1 when unknown (a pipe) */
	int64_t start_ns, next_ns;
	const char *name;
} np_progress;

/* Start for the file open as fd (named name, kept by pointer; its size
 * from fstat, unknown for a pipe) in mode, asking position(ctx) how far the
 * reading is; leaves p inactive when the mode and the file say no line. */
void np_progress_start(np_progress *p, int fd, const char *name, enum np_progress_mode mode,
		       np_progress_position_fn position, void *ctx);
/* The clock check behind np_progress_packet (not called directly). */
void np_progress_tick(np_progress *p);
/* The read is over (end of file, error or interrupted): draw the last
 * state and end the line. Safe to call twice, or when never started. */
void np_progress_end(np_progress *p);

static inline void np_progress_packet(np_progress *p)
{
	p->packets++;
	if (--p->countdown == 0)
		np_progress_tick(p);
}

#endif
