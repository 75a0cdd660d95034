/*
 * print_harness.h - what the printer unit tests share: one payload printer
 * run on a buffer at a -v level with its text returned (or compared), and
 * a printer that decodes and prints whole packets, or every cut of one
 * (each cut a cut_copy from check.h, so ASan catches a read past it).
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
#include "check.h"

/* A payload printer as TCP/UDP call it (print_ntp, print_bootp, ...). */
typedef void (*payload_printer)(np_printer *pr, const uint8_t *p, uint32_t length);

/* fn on a message of `length` bytes, caplen of them captured, at -v level
 * v; the text in o's buffer. *stopped (if not NULL) tells whether the
 * printer stopped the packet. */
static inline const char *print_payload(np_out *o, payload_printer fn, const uint8_t *p, size_t caplen, uint32_t length,
					int v, bool *stopped)
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

/* fn on the whole of a message (caplen of its length bytes captured)
 * prints exactly want. */
static inline bool payload_prints(np_out *o, payload_printer fn, const uint8_t *p, size_t caplen, uint32_t length,
				  int v, const char *want)
{
	return text_is(print_payload(o, fn, p, caplen, length, v, NULL), want);
}

/* Text that ends a packet: something, and a newline last. */
static inline bool ends_line(const char *text)
{
	size_t n = strlen(text);
	return n > 0 && text[n - 1] == '\n';
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

/* The first cut bytes of a packet of wirelen bytes, as their own heap
 * copy, decoded and printed; returns the text (in pr's buffer). */
static inline const char *print_cut_text(np_printer *pr, int dlt, const uint8_t *p, uint32_t cut, uint32_t wirelen)
{
	uint8_t *c = cut_copy(p, cut);
	const char *text = print_packet_text(pr, dlt, c, cut, wirelen);
	free(c);
	return text;
}

#endif
