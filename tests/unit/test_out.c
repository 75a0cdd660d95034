/*
 * test_out.c - the output buffer's formatters against the C library's:
 * numbers (plain and zero-padded) against printf, IPv4 and IPv6 addresses
 * against inet_ntop (IPv6: zero runs of every length and place, embedded
 * IPv4), also across buffer growth (a tiny buffer that must grow).
 */
#include <arpa/inet.h>

#include "../../src/util/out.h"
#include "check.h"

static uint64_t rng = 88172645463325252u;
static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int same(np_out *o, const char *want)
{
	int ok = o->len == strlen(want) && memcmp(o->buf, want, o->len) == 0;
	if (!ok)
		fprintf(stderr, "got '%.*s', want '%s'\n", (int)o->len, o->buf, want);
	o->len = 0;
	return ok;
}

int main(void)
{
	np_out o;
	char want[64];
	out_open_fd(&o, -1);
	unsigned bad = 0;
	for (int n = 0; n < 200000; n++) {
		uint64_t v = next() >> (next() % 64);
		out_u64(&o, v);
		snprintf(want, sizeof(want), "%llu", (unsigned long long)v);
		bad += !same(&o, want);
		int width = (int)(next() % 12);
		out_u32_pad(&o, (uint32_t)v, width);
		snprintf(want, sizeof(want), "%0*u", width, (uint32_t)v);
		bad += !same(&o, want);
		uint8_t a[16];
		for (int i = 0; i < 16; i++) {
			unsigned r = (unsigned)(next() % 8);
			a[i] = r < 5 ? 0 : r == 5 ? 0xff : (uint8_t)next();
		}
		if (n % 7 == 0) { /* IPv4-compatible and -mapped forms */
			memset(a, 0, 10);
			a[10] = a[11] = (n % 14) ? 0xff : 0;
		}
		out_ipv6(&o, a);
		inet_ntop(AF_INET6, a, want, sizeof(want));
		bad += !same(&o, want);
		out_ipv4(&o, a + 12);
		inet_ntop(AF_INET, a + 12, want, sizeof(want));
		bad += !same(&o, want);
	}
	CHECK(bad == 0);
	CHECK((out_u64(&o, 0), same(&o, "0")));
	CHECK((out_u64(&o, UINT64_MAX), same(&o, "18446744073709551615")));
	CHECK((out_i64(&o, INT64_MIN), same(&o, "-9223372036854775808")));
	CHECK((out_u32_pad(&o, 7, 3), same(&o, "007")));
	out_close(&o);

	/* Growth: a buffer far too small for what is written into it. */
	np_out small = {malloc(4), 0, 4, -1, 0, 0};
	for (int i = 0; i < 100; i++)
		out_ipv6(&small, (const uint8_t *)"\x20\x01\x0d\xb8\x12\x34\x56\x78\x9a\xbc\xde\xf0\x11\x22\x33\x44");
	CHECK(small.len == 100 * strlen("2001:db8:1234:5678:9abc:def0:1122:3344"));
	free(small.buf);
	return check_summary("out");
}
