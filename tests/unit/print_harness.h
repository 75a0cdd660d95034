/*
 * print_harness.h - what the printer unit tests share: a heap copy of the
 * first bytes of a message (so the ASan build catches a read past a cut),
 * one payload printer run on a buffer at a -v level with its text
 * returned, and a printer that decodes and prints whole packets.
 *
 * Not for: checking (check.h) or building the messages under test.
 */
#ifndef NP_PRINT_HARNESS_H
#define NP_PRINT_HARNESS_H

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/decode/packet.h"
#include "../../src/print/print.h"

/* A heap copy of the first n bytes, so reads past them are caught. */
static inline uint8_t *cut_copy(const uint8_t *p, size_t n)
{
	uint8_t *c = malloc(n ? n : 1);
	memcpy(c, p, n);
	return c;
}

/* A payload printer as TCP/UDP call it (print_ntp, print_bootp, ...). */
typedef void (*payload_printer)(np_printer *pr, const uint8_t *p, uint32_t length);

/* fn on a message of `length` bytes, caplen of them captured, at -v level
 * v; the text in o's buffer. *stopped (if not NULL) tells whether the
 * printer stopped the packet. */
static inline const char *print_payload(np_out *o, payload_printer fn, const uint8_t *p, size_t caplen,
					uint32_t length, int v, bool *stopped)
{
	np_print_opts opts;
	np_printer pr;
	memset(&opts, 0, sizeof(opts));
	opts.vflag = v;
	print_init(&pr, &opts, o);
	pr.snapend = p + caplen;
	o->len = 0;
	fn(&pr, p, length);
	out_char(o, '\0');
	if (stopped)
		*stopped = pr.stopped;
	print_free(&pr);
	return o->buf;
}

/* got == want, and both on stderr when not. */
static inline bool text_is(const char *got, const char *want)
{
	if (strcmp(got, want) == 0)
		return true;
	fprintf(stderr, "got  '%s'\nwant '%s'\n", got, want);
	return false;
}

/* A packet printer writing into o (whose fd is /dev/null: only the
 * buffer is read). */
static inline void init_printer(np_printer *pr, np_out *o, const np_print_opts *opts)
{
	out_open_fd(o, open("/dev/null", O_WRONLY));
	print_init(pr, opts, o);
}

static inline void done_printer(np_printer *pr, np_out *o)
{
	print_free(pr);
	o->len = 0;
	close(o->fd);
	out_close(o);
}

/* One packet of link type dlt decoded and printed; returns its text. */
static inline const char *print_packet_text(np_printer *pr, int dlt, const uint8_t *p, uint32_t caplen,
					    uint32_t wirelen)
{
	np_packet pkt;
	memset(&pkt, 0, sizeof(pkt));
	np_decode(&pkt, dlt, p, caplen, wirelen);
	pr->out->len = 0;
	print_packet(pr, &pkt);
	out_char(pr->out, '\0');
	return pr->out->buf;
}

#endif
