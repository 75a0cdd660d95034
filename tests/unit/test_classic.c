/*
 * test_classic.c - the classic printer (print/classic*.c, decode
 * --style=classic) on hand-built Ethernet frames of the kinds tcpdump 3.x
 * printed beyond the seed article's examples (tests/classic.sh has those):
 * TCP options and the relative numbers of a handshake, DNS records with
 * compressed names, a whole DHCP request, ICMP errors and router
 * advertisements, IP options with -v, fragments, IGMP, IPv6, frames 3.x had
 * no printer for. Each is checked line by line, then printed at every cut
 * under several option sets; each cut is a heap copy of exactly that many
 * bytes, so the ASan build catches any read past the capture.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/decode/packet.h"
#include "../../src/print/print.h"
#include "check.h"
#include "print_harness.h"

static const uint8_t MAC_A[6] = {0x00, 0x10, 0x4b, 0x05, 0x06, 0x07};
static const uint8_t MAC_B[6] = {0x00, 0xa0, 0xc9, 0x01, 0x02, 0x03};

/* A frame being built. */
typedef struct frame {
	uint8_t b[1600];
	size_t n;
	size_t ip; /* where the IPv4/IPv6 header starts */
	size_t l4; /* where the transport header starts */
} frame;

static void put(frame *f, const void *p, size_t n)
{
	if (n == 0)
		return;
	memcpy(f->b + f->n, p, n);
	f->n += n;
}

static void put8(frame *f, unsigned v)
{
	f->b[f->n++] = (uint8_t)v;
}

static void put16(frame *f, unsigned v)
{
	put8(f, v >> 8);
	put8(f, v & 0xff);
}

static void put32(frame *f, uint32_t v)
{
	put16(f, v >> 16);
	put16(f, v & 0xffff);
}

static void ether(frame *f, const uint8_t *dst, const uint8_t *src, unsigned type)
{
	f->n = 0;
	put(f, dst, 6);
	put(f, src, 6);
	put16(f, type);
}

/* An IPv4 header with options; lengths are fixed by finish(). */
static void ip4(frame *f, unsigned proto, const char *src, const char *dst, unsigned ttl, unsigned id, unsigned frag,
		const uint8_t *opt, size_t optlen)
{
	uint8_t a[4] = {0}, b[4] = {0};
	CHECK(inet_pton(AF_INET, src, a) == 1 && inet_pton(AF_INET, dst, b) == 1);
	f->ip = f->n;
	put8(f, 0x40 | (unsigned)((20 + optlen) / 4));
	put8(f, 0);
	put16(f, 0);
	put16(f, id);
	put16(f, frag);
	put8(f, ttl);
	put8(f, proto);
	put16(f, 0);
	for (int i = 0; i < 4; i++)
		put8(f, a[i]);
	for (int i = 0; i < 4; i++)
		put8(f, b[i]);
	if (optlen)
		put(f, opt, optlen);
	f->l4 = f->n;
}

static uint16_t sum16(const uint8_t *p, size_t n)
{
	uint32_t s = 0;
	for (size_t i = 0; i + 1 < n; i += 2)
		s += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (n & 1)
		s += (uint32_t)p[n - 1] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

/* Fix the IPv4 total length and checksum, and a UDP length. */
static void finish(frame *f, bool udp)
{
	size_t total = f->n - f->ip;
	f->b[f->ip + 2] = (uint8_t)(total >> 8);
	f->b[f->ip + 3] = (uint8_t)total;
	size_t hlen = (size_t)(f->b[f->ip] & 0x0f) * 4;
	uint16_t c = sum16(f->b + f->ip, hlen);
	f->b[f->ip + 10] = (uint8_t)(c >> 8);
	f->b[f->ip + 11] = (uint8_t)c;
	if (udp) {
		size_t ulen = f->n - f->l4;
		f->b[f->l4 + 4] = (uint8_t)(ulen >> 8);
		f->b[f->l4 + 5] = (uint8_t)ulen;
	}
}

static void udp_hdr(frame *f, unsigned sport, unsigned dport)
{
	put16(f, sport);
	put16(f, dport);
	put16(f, 0);
	put16(f, 0);
}

static void tcp_hdr(frame *f, unsigned sport, unsigned dport, uint32_t seq, uint32_t ack, unsigned flags, unsigned win,
		    const uint8_t *opt, size_t optlen)
{
	put16(f, sport);
	put16(f, dport);
	put32(f, seq);
	put32(f, ack);
	put8(f, (unsigned)((20 + optlen) / 4) << 4);
	put8(f, flags);
	put16(f, win);
	put16(f, 0);
	put16(f, 0);
	if (optlen)
		put(f, opt, optlen);
}

/* ---- the printer ------------------------------------------------------ */

static void init_classic_printer(np_printer *pr, np_out *o, const np_print_opts *opts)
{
	np_print_opts c = *opts;
	c.style = NP_STYLE_CLASSIC;
	init_printer(pr, o, &c);
}

static const char *print_one(np_printer *pr, const uint8_t *p, uint32_t caplen, uint32_t wirelen)
{
	return print_packet_text(pr, NP_DLT_EN10MB, p, caplen, wirelen);
}

/* The whole frame printed with opts (-t added) must be want + "\n". */
static void expect(const frame *f, np_print_opts opts, const char *want)
{
	np_printer pr;
	np_out o;
	opts.tflag = 1;
	init_classic_printer(&pr, &o, &opts);
	const char *got = print_one(&pr, f->b, (uint32_t)f->n, (uint32_t)f->n);
	size_t n = strlen(want);
	bool ok = strncmp(got, want, n) == 0 && got[n] == '\n' && got[n + 1] == '\0';
	if (!ok)
		fprintf(stderr, "want: %s\ngot:  %s", want, got);
	CHECK(ok);
	done_printer(&pr, &o);
}

/* Every cut of the frame, as its own heap copy, under several option sets:
 * one line each, ending in a newline. */
static void cuts(const frame *f)
{
	static const np_print_opts sets[] = {
		{.tflag = 1},
		{.tflag = 1, .vflag = 1, .Sflag = 1},
		{.tflag = 1, .vflag = 2, .eflag = 1},
		{.tflag = 1, .xflag = 1, .qflag = 1},
	};
	for (unsigned s = 0; s < sizeof(sets) / sizeof(sets[0]); s++) {
		np_printer pr;
		np_out o;
		init_classic_printer(&pr, &o, &sets[s]);
		for (uint32_t cut = 1; cut <= f->n; cut++) {
			CHECK(ends_line(print_cut_text(&pr, NP_DLT_EN10MB, f->b, cut, (uint32_t)f->n)));
		}
		done_printer(&pr, &o);
	}
}

/* ---- the frames -------------------------------------------------------- */

static void test_tcp(void)
{
	static const uint8_t opts[] = {2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7};
	frame f;
	ether(&f, MAC_B, MAC_A, 0x0800);
	ip4(&f, 6, "10.0.0.1", "10.0.0.2", 64, 1, 0x4000, NULL, 0);
	tcp_hdr(&f, 40000, 80, 1000, 0, 0x02, 29200, opts, sizeof(opts));
	finish(&f, false);
	expect(&f, (np_print_opts){0},
	       "10.0.0.1.40000 > 10.0.0.2.80: S 1000:1000(0) win 29200 <mss 1460,sackOK,timestamp 1 0,nop,wscale 7> (DF)");
	expect(&f, (np_print_opts){.qflag = 1}, "10.0.0.1.40000 > 10.0.0.2.80: tcp 0 (DF)");
	expect(&f, (np_print_opts){.vflag = 1},
	       "10.0.0.1.40000 > 10.0.0.2.80: S 1000:1000(0) win 29200 <mss 1460,sackOK,"
	       "timestamp 1 0,nop,wscale 7> (DF) (ttl 64, id 1)");
	cuts(&f);

	/* A cut inside the options: the walk says so and closes the list. */
	np_printer pr;
	np_out o;
	init_classic_printer(&pr, &o, &(np_print_opts){.tflag = 1});
	CHECK(strcmp(print_one(&pr, f.b, 14 + 20 + 22, (uint32_t)f.n),
		     "10.0.0.1.40000 > 10.0.0.2.80: S 1000:1000(0) win 29200 <mss[|tcp]> (DF)\n") == 0);
	CHECK(strcmp(print_one(&pr, f.b, 14 + 20 + 10, (uint32_t)f.n), "10.0.0.1.40000 > 10.0.0.2.80: [|tcp] (DF)\n") ==
	      0);
	CHECK(strcmp(print_one(&pr, f.b, 14 + 20 + 2, (uint32_t)f.n), "10.0.0.1 > 10.0.0.2: [|tcp] (DF)\n") == 0);
	CHECK(strcmp(print_one(&pr, f.b, 14 + 10, (uint32_t)f.n), "[|ip]\n") == 0);
	done_printer(&pr, &o);

	/* An option whose length runs past the header, a SACK block, ECN. */
	static const uint8_t bad[] = {1, 5, 10, 0, 0, 0, 5, 0, 0, 0, 9, 0};
	ether(&f, MAC_B, MAC_A, 0x0800);
	ip4(&f, 6, "10.0.0.1", "10.0.0.2", 64, 1, 0, NULL, 0);
	tcp_hdr(&f, 40000, 80, 1000, 2000, 0x10 | 0x40 | 0x80, 100, bad, sizeof(bad));
	finish(&f, false);
	expect(&f, (np_print_opts){.Sflag = 1},
	       "10.0.0.1.40000 > 10.0.0.2.80: . [ECN-Echo,CWR] 1000:1000(0) ack 2000 win 100 <nop,sack sack 1 "
	       "{5:9} ,eol>");
	cuts(&f);
	static const uint8_t toolong[] = {1, 3, 9, 0};
	ether(&f, MAC_B, MAC_A, 0x0800);
	ip4(&f, 6, "10.0.0.1", "10.0.0.2", 64, 1, 0, NULL, 0);
	tcp_hdr(&f, 40000, 80, 1000, 2000, 0x18, 100, toolong, sizeof(toolong));
	for (int i = 0; i < 5; i++)
		put8(&f, 'x');
	finish(&f, false);
	expect(&f, (np_print_opts){.Sflag = 1},
	       "10.0.0.1.40000 > 10.0.0.2.80: P 1000:1005(5) ack 2000 win 100 <nop,[bad opt]>");
}

static void test_handshake(void)
{
	/* 3.x's relative numbers: only segments with ACK, the SYN-ACK printed
	 * absolute (it records the initial numbers), then distances. */
	frame syn, synack, ack;
	ether(&syn, MAC_B, MAC_A, 0x0800);
	ip4(&syn, 6, "10.0.0.1", "10.0.0.2", 64, 1, 0, NULL, 0);
	tcp_hdr(&syn, 1025, 23, 100, 0, 0x02, 512, NULL, 0);
	finish(&syn, false);
	ether(&synack, MAC_A, MAC_B, 0x0800);
	ip4(&synack, 6, "10.0.0.2", "10.0.0.1", 64, 1, 0, NULL, 0);
	tcp_hdr(&synack, 23, 1025, 5000, 101, 0x12, 512, NULL, 0);
	finish(&synack, false);
	ether(&ack, MAC_B, MAC_A, 0x0800);
	ip4(&ack, 6, "10.0.0.1", "10.0.0.2", 64, 2, 0, NULL, 0);
	tcp_hdr(&ack, 1025, 23, 101, 5001, 0x18, 512, NULL, 0);
	put(&ack, "ls\r\n", 4);
	finish(&ack, false);
	np_printer pr;
	np_out o;
	init_classic_printer(&pr, &o, &(np_print_opts){.tflag = 1});
	CHECK(strcmp(print_one(&pr, syn.b, (uint32_t)syn.n, (uint32_t)syn.n),
		     "10.0.0.1.1025 > 10.0.0.2.23: S 100:100(0) win 512\n") == 0);
	CHECK(strcmp(print_one(&pr, synack.b, (uint32_t)synack.n, (uint32_t)synack.n),
		     "10.0.0.2.23 > 10.0.0.1.1025: S 5000:5000(0) ack 101 win 512\n") == 0);
	CHECK(strcmp(print_one(&pr, ack.b, (uint32_t)ack.n, (uint32_t)ack.n),
		     "10.0.0.1.1025 > 10.0.0.2.23: P 1:5(4) ack 1 win 512\n") == 0);
	done_printer(&pr, &o);
}

static void dns_name(frame *f, const char *const *labels)
{
	for (; *labels; labels++) {
		put8(f, (unsigned)strlen(*labels));
		put(f, *labels, strlen(*labels));
	}
	put8(f, 0);
}

static void test_dns(void)
{
	static const char *const example[] = {"example", NULL};
	frame f;
	ether(&f, MAC_A, MAC_B, 0x0800);
	ip4(&f, 17, "10.0.0.53", "10.0.0.5", 64, 9, 0, NULL, 0);
	udp_hdr(&f, 53, 1029);
	size_t m = f.n;
	put16(&f, 7);
	put16(&f, 0x8580); /* response, AA, RD, RA */
	put16(&f, 1);
	put16(&f, 3);
	put16(&f, 0);
	put16(&f, 0);
	dns_name(&f, example); /* at 12 */
	put16(&f, 15);
	put16(&f, 1);
	/* example. MX 10 mail.example. */
	put16(&f, 0xc00c);
	put16(&f, 15);
	put16(&f, 1);
	put32(&f, 60);
	put16(&f, 2 + 5 + 2);
	put16(&f, 10);
	dns_name(&f, (const char *const[]){"mail", NULL});
	f.n -= 1; /* "mail" then a pointer to example. */
	put16(&f, 0xc00c);
	/* example. TXT "hi there" */
	put16(&f, 0xc00c);
	put16(&f, 16);
	put16(&f, 1);
	put32(&f, 60);
	put16(&f, 9);
	put8(&f, 8);
	put(&f, "hi there", 8);
	/* example. CHAOS Type99 */
	put16(&f, 0xc00c);
	put16(&f, 99);
	put16(&f, 3);
	put32(&f, 60);
	put16(&f, 2);
	put16(&f, 0);
	finish(&f, true);
	char want[200];
	snprintf(want, sizeof(want),
		 "10.0.0.53.53 > 10.0.0.5.1029: 7* q: example. 3/0/0 example. MX mail.example. 10, example. TXT hi "
		 "there, example. CHAOS) Type99 (%zu)",
		 f.n - m);
	expect(&f, (np_print_opts){0}, want);
	cuts(&f);

	/* A query with odd bits and counts; an inverse query. */
	ether(&f, MAC_B, MAC_A, 0x0800);
	ip4(&f, 17, "10.0.0.5", "10.0.0.53", 64, 9, 0, NULL, 0);
	udp_hdr(&f, 1029, 53);
	put16(&f, 8);
	put16(&f, 0x0510); /* RD, AA and CD set in a query */
	put16(&f, 1);
	put16(&f, 0);
	put16(&f, 1);
	put16(&f, 2);
	dns_name(&f, example);
	put16(&f, 28);
	put16(&f, 3);
	finish(&f, true);
	expect(&f, (np_print_opts){0},
	       "10.0.0.5.1029 > 10.0.0.53.53: 8+ [b2&3=0x510] [1n] [2au] AAAA CHAOS)? example. (25)");
	cuts(&f);
}

static void test_bootp(void)
{
	static const uint8_t opts[] = {
		99,  130, 83,  99,                   /* cookie */
		53,  1,   3,                         /* DHCP REQUEST */
		50,  4,   10,  0,   0,    5,         /* requested address */
		54,  4,   10,  0,   0,    53,        /* server id */
		55,  5,   1,   3,   6,    15,   200, /* parameter request list */
		12,  4,   'm', 'y', 'p',  'c',       /* host name */
		51,  4,   0,   0,   0x0e, 0x10,      /* lease 3600 */
		19,  1,   0,                         /* IP forwarding: N */
		250, 3,   1,   2,   3,               /* unknown, odd length: bytes */
		0,   0,                              /* pad */
		255,
	};
	frame f;
	ether(&f, (const uint8_t[]){0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, MAC_A, 0x0800);
	ip4(&f, 17, "0.0.0.0", "255.255.255.255", 64, 3, 0, NULL, 0);
	udp_hdr(&f, 68, 67);
	put8(&f, 1);
	put8(&f, 1);
	put8(&f, 6);
	put8(&f, 1);
	put32(&f, 0x1234abcd);
	put16(&f, 5);
	put16(&f, 0x8000);
	for (int i = 0; i < 16; i++)
		put8(&f, 0);
	put(&f, MAC_B, 6); /* not the frame's source: printed */
	for (int i = 0; i < 10; i++)
		put8(&f, 0);
	put(&f, "srv", 3);
	for (int i = 0; i < 61; i++)
		put8(&f, 0);
	for (int i = 0; i < 128; i++)
		put8(&f, 0);
	put(&f, opts, sizeof(opts));
	finish(&f, true);
	expect(&f, (np_print_opts){0},
	       "0.0.0.0.68 > 255.255.255.255.67:  hops:1 xid:0x1234abcd secs:5 flags:0x8000 ether 0:a0:c9:1:2:3 sname "
	       "\"srv\" vend-rfc1048 DHCP:REQUEST RQ:10.0.0.5 SID:10.0.0.53 PR:SM+DG+NS+DN+200 HN:\"mypc\" LT:3600 "
	       "IPF:N T250:1.2.3");
	cuts(&f);
	/* Cut inside the server name: the quote is closed. */
	np_printer pr;
	np_out o;
	init_classic_printer(&pr, &o, &(np_print_opts){.tflag = 1});
	CHECK(strcmp(print_one(&pr, f.b, 42 + 46, (uint32_t)f.n),
		     "0.0.0.0.68 > 255.255.255.255.67:  hops:1 xid:0x1234abcd secs:5 flags:0x8000 ether 0:a0:c9:1:2:3 "
		     "sname \"sr\"[|bootp]\n") == 0);
	CHECK(strcmp(print_one(&pr, f.b, 42 + 236 + 4 + 3 + 1, (uint32_t)f.n),
		     "0.0.0.0.68 > 255.255.255.255.67:  hops:1 xid:0x1234abcd secs:5 flags:0x8000 ether 0:a0:c9:1:2:3 "
		     "sname \"srv\" vend-rfc1048 DHCP:REQUEST RQ: [|bootp]\n") == 0);
	done_printer(&pr, &o);
}

static void test_icmp(void)
{
	frame f;
	/* Port unreachable quoting a UDP datagram. */
	ether(&f, MAC_A, MAC_B, 0x0800);
	ip4(&f, 1, "10.0.0.2", "10.0.0.5", 64, 0, 0, NULL, 0);
	put8(&f, 3);
	put8(&f, 3);
	put16(&f, 0);
	put32(&f, 0);
	size_t q = f.n;
	ip4(&f, 17, "10.0.0.5", "10.0.0.2", 64, 77, 0, NULL, 0);
	udp_hdr(&f, 1029, 53);
	f.b[q + 3] = 28 + 4; /* the quoted datagram claimed 4 bytes of data */
	f.ip = 14;
	finish(&f, false);
	expect(&f, (np_print_opts){0}, "10.0.0.2 > 10.0.0.5: icmp: 10.0.0.2 udp port 53 unreachable");
	cuts(&f);

	/* Need to frag, redirect, parameter problem, mask reply, unknown. */
	static const struct {
		uint8_t type, code;
		uint32_t word;
		const char *want;
	} cases[] = {
		{3, 4, 1500, "icmp: 10.0.0.2 unreachable - need to frag (mtu 1500)"},
		{3, 13, 0, "icmp: #13 10.0.0.2 unreachable"},
		{3, 10, 0, "icmp: host 10.0.0.2 unreachable - admin prohibited"},
		{5, 1, 0x0a000001, "icmp: redirect 10.0.0.2 to host 10.0.0.1"},
		{12, 0, 0x14000000, "icmp: parameter problem - octet 20"},
		{11, 1, 0, "icmp: ip reassembly time exceeded"},
		{42, 0, 0, "icmp: type-#42"},
		{10, 0, 0, "icmp: router solicitation"},
	};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ether(&f, MAC_A, MAC_B, 0x0800);
		ip4(&f, 1, "10.0.0.1", "10.0.0.5", 255, 0, 0, NULL, 0);
		put8(&f, cases[i].type);
		put8(&f, cases[i].code);
		put16(&f, 0);
		put32(&f, cases[i].word);
		q = f.n;
		ip4(&f, 6, "10.0.0.5", "10.0.0.2", 64, 77, 0, NULL, 0);
		tcp_hdr(&f, 1029, 80, 1, 0, 2, 0, NULL, 0);
		f.n = q + 28;
		f.ip = 14;
		finish(&f, false);
		char want[160];
		snprintf(want, sizeof(want), "10.0.0.1 > 10.0.0.5: %s", cases[i].want);
		expect(&f, (np_print_opts){0}, want);
		cuts(&f);
	}

	/* Router advertisement, address mask reply. */
	ether(&f, MAC_A, MAC_B, 0x0800);
	ip4(&f, 1, "10.0.0.1", "224.0.0.1", 1, 0, 0, NULL, 0);
	put8(&f, 9);
	put8(&f, 0);
	put16(&f, 0);
	put8(&f, 2);
	put8(&f, 2);
	put16(&f, 1800);
	put32(&f, 0x0a000001);
	put32(&f, 0);
	put32(&f, 0x0a000002);
	put32(&f, 5);
	finish(&f, false);
	expect(&f, (np_print_opts){0},
	       "10.0.0.1 > 224.0.0.1: icmp: router advertisement lifetime 30:00 2: {10.0.0.1 0} {10.0.0.2 5} [ttl 1]");
	cuts(&f);
	ether(&f, MAC_A, MAC_B, 0x0800);
	ip4(&f, 1, "10.0.0.1", "10.0.0.5", 64, 0, 0, NULL, 0);
	put8(&f, 18);
	put8(&f, 0);
	put16(&f, 0);
	put32(&f, 0);
	put32(&f, 0xffffff00);
	finish(&f, false);
	expect(&f, (np_print_opts){0}, "10.0.0.1 > 10.0.0.5: icmp: address mask is 0xffffff00");
}

static void test_ip_options(void)
{
	static const uint8_t opt[] = {1, 7, 7, 4, 0, 0, 0, 0, 148, 4, 0, 0, 0, 0, 0, 0};
	frame f;
	ether(&f, MAC_B, MAC_A, 0x0800);
	ip4(&f, 17, "10.0.0.1", "10.0.0.2", 64, 1, 0, opt, sizeof(opt));
	udp_hdr(&f, 1000, 2000);
	put32(&f, 0);
	finish(&f, true);
	expect(&f, (np_print_opts){.vflag = 1},
	       "10.0.0.1.1000 > 10.0.0.2.2000:  udp 4 (ttl 64, id 1, optlen=16 NOP RR{7}= RR{#0.0.0.0} RA{4} EOL-3)");
	/* The tos byte changed after the checksum was computed: a bad checksum. */
	f.b[f.ip + 1] = 0x10;
	expect(&f, (np_print_opts){.vflag = 1},
	       "10.0.0.1.1000 > 10.0.0.2.2000:  udp 4 [tos 0x10] (ttl 64, id 1, bad cksum c6aa!, optlen=16 NOP "
	       "RR{7}= RR{#0.0.0.0} RA{4} EOL-3)");
	cuts(&f);
}

static void test_frag_igmp_other(void)
{
	frame f;
	/* The first fragment of a UDP datagram, then a later one. */
	ether(&f, MAC_B, MAC_A, 0x0800);
	ip4(&f, 17, "10.0.0.1", "10.0.0.2", 64, 0x1234, 0x2000, NULL, 0);
	udp_hdr(&f, 1000, 2000);
	for (int i = 0; i < 24; i++)
		put8(&f, i);
	finish(&f, false);
	f.b[f.l4 + 4] = 0x05;
	f.b[f.l4 + 5] = 0xdc;
	expect(&f, (np_print_opts){0}, "10.0.0.1.1000 > 10.0.0.2.2000:  udp 1492 (frag 4660:32@0+)");
	cuts(&f);
	ether(&f, MAC_B, MAC_A, 0x0800);
	ip4(&f, 17, "10.0.0.1", "10.0.0.2", 64, 0x1234, 185, NULL, 0);
	for (int i = 0; i < 24; i++)
		put8(&f, i);
	finish(&f, false);
	expect(&f, (np_print_opts){.vflag = 1}, "10.0.0.1 > 10.0.0.2: (frag 4660:24@1480) (ttl 64)");
	cuts(&f);

	/* IGMP v2 report; GRE (no printer in 3.x). */
	ether(&f, (const uint8_t[]){0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb}, MAC_A, 0x0800);
	ip4(&f, 2, "10.0.0.5", "224.0.0.251", 1, 0, 0, NULL, 0);
	put8(&f, 0x16);
	put8(&f, 0);
	put16(&f, 0);
	put32(&f, 0xe00000fb);
	finish(&f, false);
	{
		uint16_t c = sum16(f.b + f.l4, 8);
		f.b[f.l4 + 2] = (uint8_t)(c >> 8);
		f.b[f.l4 + 3] = (uint8_t)c;
	}
	expect(&f, (np_print_opts){.vflag = 1}, "10.0.0.5 > 224.0.0.251: igmp v2 report 224.0.0.251 [ttl 1] (id 0)");
	cuts(&f);
	ether(&f, MAC_B, MAC_A, 0x0800);
	ip4(&f, 47, "10.0.0.1", "10.0.0.2", 64, 0, 0x4000, NULL, 0);
	put32(&f, 0x00000800);
	finish(&f, false);
	expect(&f, (np_print_opts){0}, "10.0.0.1 > 10.0.0.2: ip-proto-47 4 (DF)");
}

static void test_link(void)
{
	frame f;
	/* An Ethernet type 3.x did not know: the header, then a hex dump. */
	ether(&f, MAC_B, MAC_A, 0x88cc);
	put32(&f, 0x02070401);
	put16(&f, 0xabcd);
	put8(&f, 0xef);
	expect(&f, (np_print_opts){0}, "0:10:4b:5:6:7 0:a0:c9:1:2:3 88cc 21: \n\t\t\t 0207 0401 abcd ef");
	expect(&f, (np_print_opts){.eflag = 1}, "0:10:4b:5:6:7 0:a0:c9:1:2:3 88cc 21: \n\t\t\t 0207 0401 abcd ef");
	cuts(&f);
	/* An 802.1Q tag: 3.x printed it as an unknown type. */
	ether(&f, MAC_B, MAC_A, 0x8100);
	put16(&f, 5);
	put16(&f, 0x0800);
	expect(&f, (np_print_opts){.qflag = 1}, "0:10:4b:5:6:7 0:a0:c9:1:2:3 8100 18: ");
	/* ARP with addresses that differ from the Ethernet header's. */
	ether(&f, MAC_B, MAC_A, 0x0806);
	put16(&f, 1);
	put16(&f, 0x0800);
	put8(&f, 6);
	put8(&f, 4);
	put16(&f, 2);
	put(&f, MAC_B, 6);
	put32(&f, 0x0a000001);
	put(&f, MAC_A, 6);
	put32(&f, 0x0a000005);
	expect(&f, (np_print_opts){0}, "arp reply 10.0.0.1 (0:a0:c9:1:2:3) is-at 0:a0:c9:1:2:3 (0:10:4b:5:6:7)");
	f.b[21] = 9;
	expect(&f, (np_print_opts){0},
	       "arp-#9\n\t\t\t 0001 0800 0604 0009 00a0 c901 0203 0a00\n\t\t\t 0001 0010 4b05 0607 0a00 0005");
	f.b[16] = 0x86;
	expect(&f, (np_print_opts){0}, "arp-#9 for proto #34304 (4) hardware #1 (6)");
	cuts(&f);
}

static void test_ip6(void)
{
	static const uint8_t a1[16] = {0xfe, 0x80, [15] = 1}, a2[16] = {0xfe, 0x80, [15] = 2};
	frame f;
	ether(&f, MAC_B, MAC_A, 0x86dd);
	f.ip = f.n;
	put32(&f, 0x60000000);
	put16(&f, 20 + 4);
	put8(&f, 6);
	put8(&f, 64);
	put(&f, a1, 16);
	put(&f, a2, 16);
	tcp_hdr(&f, 22, 1022, 7, 9, 0x18, 100, NULL, 0);
	put32(&f, 0);
	expect(&f, (np_print_opts){.Sflag = 1, .vflag = 1},
	       "fe80::1.22 > fe80::2.1022: P 7:11(4) ack 9 win 100 (len 24, hlim 64)");
	cuts(&f);
	ether(&f, MAC_B, MAC_A, 0x86dd);
	put32(&f, 0x60000000);
	put16(&f, 24);
	put8(&f, 58);
	put8(&f, 255);
	put(&f, a1, 16);
	put(&f, a2, 16);
	put32(&f, 0x87000000);
	put32(&f, 0);
	put(&f, a2, 16);
	expect(&f, (np_print_opts){0}, "fe80::1 > fe80::2: icmp6: neighbor sol: who has fe80::2");
	cuts(&f);
}

int main(void)
{
	test_tcp();
	test_handshake();
	test_dns();
	test_bootp();
	test_icmp();
	test_ip_options();
	test_frag_igmp_other();
	test_link();
	test_ip6();
	return check_summary("test_classic");
}
