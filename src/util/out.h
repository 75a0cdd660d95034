/*
 * out.h - buffered text output for the printers.
 *
 * Printers append text to one np_out; it is written to its file descriptor
 * in large blocks (or after each packet when line buffering is asked for, as
 * on a terminal). Decimal, hex and address formatting have fast paths so the
 * hot path does not go through printf.
 *
 * Not for: binary output (pcap writing lives in capture/).
 */
#ifndef NP_OUT_H
#define NP_OUT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef struct np_out {
	char *buf;
	size_t len;
	size_t cap;
	int fd;
	int failed; /* a write failed: errno kept in failed_errno */
	int failed_errno;
} np_out;

/* fd -1: a buffer in memory only, that grows and is never written. */
int out_open_fd(np_out *o, int fd);
void out_close(np_out *o);
/* Write what is buffered; returns 0, or -1 with the error kept in o. */
int out_flush(np_out *o);

void out_grow(np_out *o, size_t need);

static inline void out_char(np_out *o, char c)
{
	if (o->len + 1 > o->cap)
		out_grow(o, 1);
	o->buf[o->len++] = c;
}

/* Room for n more bytes at once: what is written next, up to n bytes, is
 * not split by a flush (so o->len can measure it). */
static inline void out_reserve(np_out *o, size_t n)
{
	if (o->len + n > o->cap)
		out_grow(o, n);
}

/* Inline, so a string literal's length and a small copy are known at
 * compile time (no strlen or memcpy call per word printed). */
static inline void out_mem(np_out *o, const char *s, size_t n)
{
	if (o->len + n > o->cap)
		out_grow(o, n);
	__builtin_memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static inline void out_str(np_out *o, const char *s)
{
	out_mem(o, s, __builtin_strlen(s));
}
void out_fmt(np_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void out_vfmt(np_out *o, const char *fmt, va_list ap);
void out_u32(np_out *o, uint32_t v);
void out_u64(np_out *o, uint64_t v);
void out_i64(np_out *o, int64_t v);
/* Zero-padded decimal of exactly `width` digits or more; two and three
 * digits (times of day, milliseconds) inline from the table of pairs. */
extern const char np_out_pairs[201]; /* "00" "01" .. "99" */
void out_u32_pad_any(np_out *o, uint32_t v, int width);
static inline void out_u32_pad(np_out *o, uint32_t v, int width)
{
	if (width == 2 && v < 100) {
		out_mem(o, np_out_pairs + v * 2, 2);
	} else if (width == 3 && v < 1000) {
		out_reserve(o, 3);
		o->buf[o->len] = (char)('0' + v / 100);
		__builtin_memcpy(o->buf + o->len + 1, np_out_pairs + v % 100 * 2, 2);
		o->len += 3;
	} else {
		out_u32_pad_any(o, v, width);
	}
}
/* Lower-case hex, no prefix, at least `width` digits. */
void out_hex(np_out *o, uint32_t v, int width);
void out_ipv4(np_out *o, const uint8_t a[4]);
void out_ipv6(np_out *o, const uint8_t a[16]);
void out_mac(np_out *o, const uint8_t a[6]);

#endif
