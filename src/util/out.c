/*
 * out.c - buffered text output (see out.h).
 */
#include "out.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OUT_BLOCK (1u << 16)

int out_open_fd(np_out *o, int fd)
{
	memset(o, 0, sizeof(*o));
	o->cap = OUT_BLOCK * 2;
	o->buf = malloc(o->cap);
	o->fd = fd;
	return o->buf ? 0 : -1;
}

void out_close(np_out *o)
{
	out_flush(o);
	free(o->buf);
	o->buf = NULL;
	o->cap = o->len = 0;
}

int out_flush(np_out *o)
{
	size_t done = 0;
	if (o->fd < 0)
		o->len = 0; /* a buffer in memory: nothing to write to */
	while (done < o->len && !o->failed) {
		ssize_t n = write(o->fd, o->buf + done, o->len - done);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			o->failed = 1;
			o->failed_errno = errno;
			break;
		}
		done += (size_t)n;
	}
	o->len = 0;
	return o->failed ? -1 : 0;
}

void out_grow(np_out *o, size_t need)
{
	if (o->len >= OUT_BLOCK && o->fd >= 0)
		out_flush(o);
	if (o->len + need <= o->cap)
		return;
	size_t cap = o->cap ? o->cap : OUT_BLOCK;
	while (cap < o->len + need)
		cap *= 2;
	char *nb = realloc(o->buf, cap);
	if (!nb) {
		fprintf(stderr, "netprofile: out of memory\n");
		exit(1);
	}
	o->buf = nb;
	o->cap = cap;
}

void out_vfmt(np_out *o, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	size_t room = o->cap - o->len;
	int n = vsnprintf(o->buf + o->len, room, fmt, ap);
	if (n < 0) {
		va_end(ap2);
		return;
	}
	if ((size_t)n >= room) {
		out_grow(o, (size_t)n + 1);
		vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap2);
	}
	o->len += (size_t)n;
	va_end(ap2);
}

void out_fmt(np_out *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	out_vfmt(o, fmt, ap);
	va_end(ap);
}

/* Decimal digits of v ending just before `end`, two at a time from a
 * table (the flow writer formats millions of numbers). Returns the first. */
const char np_out_pairs[201] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
			       "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
			       "8081828384858687888990919293949596979899";

static char *format_u64(char *end, uint64_t v)
{
	const char *pairs = np_out_pairs;
	while (v >= 100) {
		const char *d = pairs + (v % 100) * 2;
		v /= 100;
		*--end = d[1];
		*--end = d[0];
	}
	if (v >= 10) {
		*--end = pairs[v * 2 + 1];
		*--end = pairs[v * 2];
	} else {
		*--end = (char)('0' + v);
	}
	return end;
}

/* Decimal digits in v (1 for 0). */
static unsigned count_digits(uint64_t v)
{
	unsigned n = 1;
	for (;;) {
		if (v < 10)
			return n;
		if (v < 100)
			return n + 1;
		if (v < 1000)
			return n + 2;
		if (v < 10000)
			return n + 3;
		v /= 10000;
		n += 4;
	}
}

/* Numbers are formatted in place, in the buffer: no copy, no library call
 * per number (the flow writer formats millions of them). */
void out_u64(np_out *o, uint64_t v)
{
	unsigned n = count_digits(v);
	out_reserve(o, n);
	format_u64(o->buf + o->len + n, v);
	o->len += n;
}

void out_u32(np_out *o, uint32_t v)
{
	out_u64(o, v);
}

void out_i64(np_out *o, int64_t v)
{
	if (v < 0) {
		out_char(o, '-');
		out_u64(o, (uint64_t)0 - (uint64_t)v);
	} else {
		out_u64(o, (uint64_t)v);
	}
}

void out_u32_pad_any(np_out *o, uint32_t v, int width)
{
	unsigned n = count_digits(v);
	if (width > 32)
		width = 32;
	if (width > (int)n)
		n = (unsigned)width;
	out_reserve(o, n);
	char *start = o->buf + o->len, *p = format_u64(start + n, v);
	while (p > start)
		*--p = '0';
	o->len += n;
}

void out_hex(np_out *o, uint32_t v, int width)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[16];
	int i = sizeof(tmp);
	do {
		tmp[--i] = digits[v & 0xf];
		v >>= 4;
	} while (v);
	while ((int)sizeof(tmp) - i < width)
		tmp[--i] = '0';
	out_mem(o, tmp + i, sizeof(tmp) - (size_t)i);
}

/* Each octet's digits and the dot after it, 4 bytes an entry (stored as one
 * word, then the length moves on), and each octet's digit count. */
/* clang-format off */
static const char octet_text[256 * 4 + 1] =
	"0.\0\0" "1.\0\0" "2.\0\0" "3.\0\0" "4.\0\0" "5.\0\0" "6.\0\0" "7.\0\0" "8.\0\0" "9.\0\0" "10.\0" "11.\0"
	"12.\0" "13.\0" "14.\0" "15.\0" "16.\0" "17.\0" "18.\0" "19.\0" "20.\0" "21.\0" "22.\0" "23.\0"
	"24.\0" "25.\0" "26.\0" "27.\0" "28.\0" "29.\0" "30.\0" "31.\0" "32.\0" "33.\0" "34.\0" "35.\0"
	"36.\0" "37.\0" "38.\0" "39.\0" "40.\0" "41.\0" "42.\0" "43.\0" "44.\0" "45.\0" "46.\0" "47.\0"
	"48.\0" "49.\0" "50.\0" "51.\0" "52.\0" "53.\0" "54.\0" "55.\0" "56.\0" "57.\0" "58.\0" "59.\0"
	"60.\0" "61.\0" "62.\0" "63.\0" "64.\0" "65.\0" "66.\0" "67.\0" "68.\0" "69.\0" "70.\0" "71.\0"
	"72.\0" "73.\0" "74.\0" "75.\0" "76.\0" "77.\0" "78.\0" "79.\0" "80.\0" "81.\0" "82.\0" "83.\0"
	"84.\0" "85.\0" "86.\0" "87.\0" "88.\0" "89.\0" "90.\0" "91.\0" "92.\0" "93.\0" "94.\0" "95.\0"
	"96.\0" "97.\0" "98.\0" "99.\0" "100." "101." "102." "103." "104." "105." "106." "107."
	"108." "109." "110." "111." "112." "113." "114." "115." "116." "117." "118." "119."
	"120." "121." "122." "123." "124." "125." "126." "127." "128." "129." "130." "131."
	"132." "133." "134." "135." "136." "137." "138." "139." "140." "141." "142." "143."
	"144." "145." "146." "147." "148." "149." "150." "151." "152." "153." "154." "155."
	"156." "157." "158." "159." "160." "161." "162." "163." "164." "165." "166." "167."
	"168." "169." "170." "171." "172." "173." "174." "175." "176." "177." "178." "179."
	"180." "181." "182." "183." "184." "185." "186." "187." "188." "189." "190." "191."
	"192." "193." "194." "195." "196." "197." "198." "199." "200." "201." "202." "203."
	"204." "205." "206." "207." "208." "209." "210." "211." "212." "213." "214." "215."
	"216." "217." "218." "219." "220." "221." "222." "223." "224." "225." "226." "227."
	"228." "229." "230." "231." "232." "233." "234." "235." "236." "237." "238." "239."
	"240." "241." "242." "243." "244." "245." "246." "247." "248." "249." "250." "251."
	"252." "253." "254." "255.";
/* clang-format on */

void out_ipv4(np_out *o, const uint8_t a[4])
{
	out_reserve(o, 16); /* 15, and the last word's spare byte */
	char *p = o->buf + o->len;
	for (int i = 0; i < 4; i++) {
		unsigned v = a[i];
		memcpy(p, octet_text + v * 4, 4);
		p += v >= 100 ? 4 : v >= 10 ? 3 : 2;
	}
	o->len = (size_t)(p - o->buf) - 1; /* no dot after the last */
}

/* IPv6 text exactly as glibc's inet_ntop (and so tcpdump) writes it: the
 * longest run of two or more zero words (the first of equal ones) as "::",
 * lower-case hex, and an IPv4-compatible or -mapped address's last 32 bits
 * dotted. Written here because inet_ntop formats each word with sprintf. */
void out_ipv6(np_out *o, const uint8_t a[16])
{
	static const char hex[] = "0123456789abcdef";
	unsigned w[8];
	int best = -1, best_len = 0, cur = -1, cur_len = 0;
	for (int i = 0; i < 8; i++) {
		w[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
		if (w[i] == 0) {
			if (cur < 0)
				cur = i, cur_len = 0;
			cur_len++;
		} else if (cur >= 0) {
			if (best < 0 || cur_len > best_len)
				best = cur, best_len = cur_len;
			cur = -1;
		}
	}
	if (cur >= 0 && (best < 0 || cur_len > best_len))
		best = cur, best_len = cur_len;
	if (best_len < 2)
		best = -1;
	out_reserve(o, 46);
	char *p = o->buf + o->len;
	for (int i = 0; i < 8; i++) {
		if (best >= 0 && i >= best && i < best + best_len) {
			if (i == best)
				*p++ = ':';
			continue;
		}
		if (i)
			*p++ = ':';
		if (i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && w[5] == 0xffff))) {
			o->len = (size_t)(p - o->buf);
			out_ipv4(o, a + 12);
			return;
		}
		int shift = w[i] >= 0x1000 ? 12 : w[i] >= 0x100 ? 8 : w[i] >= 0x10 ? 4 : 0;
		for (; shift >= 0; shift -= 4)
			*p++ = hex[(w[i] >> shift) & 0xf];
	}
	if (best >= 0 && best + best_len == 8)
		*p++ = ':';
	o->len = (size_t)(p - o->buf);
}

void out_mac(np_out *o, const uint8_t a[6])
{
	static const char digits[] = "0123456789abcdef";
	char tmp[17];
	for (int i = 0; i < 6; i++) {
		tmp[i * 3] = digits[a[i] >> 4];
		tmp[i * 3 + 1] = digits[a[i] & 0xf];
		if (i < 5)
			tmp[i * 3 + 2] = ':';
	}
	out_mem(o, tmp, sizeof(tmp));
}
