/*
 * test_tcp.c - the TCP and UDP decoders (src/decode/tcp.c, udp.c) and
 * printers (src/print/tcp.c, udp.c): the fields a flow meter reads, the
 * invalid headers, that a capture cut at every length is reported as
 * truncated (and printed) without a read past the cut (the ASan run checks
 * that: each cut copy is its own exact-size allocation), and a few lines
 * of tcpdump text: relative sequence numbers, options, -q, truncation.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/decode/packet.h"
#include "../../src/print/print.h"
#include "check.h"
#include "print_harness.h"

/* 10.0.0.1.40000 > 10.0.0.2.80 SYN, with mss, sackOK, TS, nop, wscale and
 * a 4-byte payload; the checksums are not right (not needed here). */
static const uint8_t syn[] = {
	0x45, 0x00, 0x00, 0x40, 0x00, 0x01, 0x40, 0x00, 0x40, 0x06, 0x00, 0x00,
	10,   0,    0,    1,    10,   0,    0,    2,    0x9c, 0x40, 0x00, 0x50, /* ports 40000 > 80 */
	0x00, 0x00, 0x03, 0xe8,                                                 /* seq 1000 */
	0x00, 0x00, 0x00, 0x00,                                                 /* ack 0 */
	0xa0, 0x02, 0x72, 0x10,                                                 /* off 40, SYN, win 29200 */
	0x12, 0x34, 0x00, 0x00,                                                 /* cksum, urp */
	0x02, 0x04, 0x05, 0xb4,                                                 /* mss 1460 */
	0x04, 0x02,                                                             /* sackOK */
	0x08, 0x0a, 0,    0,    0,    1,    0,    0,    0,    0,                /* TS val 1 ecr 0 */
	0x01, 0x03, 0x03, 0x07,                                                 /* nop, wscale 7 */
	'G',  'E',  'T',  ' ',
};

/* 10.0.0.1.40000 > 10.0.0.2.9999 with 4 payload bytes. */
static const uint8_t udp[] = {
	0x45, 0x00, 0x00, 0x20, 0x00, 0x01, 0x00, 0x00, 0x40, 0x11, 0x00, 0x00, 10, 0, 0, 1,
	10,   0,    0,    2,    0x9c, 0x40, 0x27, 0x0f, 0x00, 0x0c, 0xab, 0xcd, 1,  2, 3, 4,
};

static void decode(np_packet *pkt, const uint8_t *p, uint32_t caplen, uint32_t wirelen)
{
	memset(pkt, 0, sizeof(*pkt));
	pkt->ip = pkt->l4 = -1;
	np_decode(pkt, NP_DLT_RAW, p, caplen, wirelen);
}

static const np_layer *find(const np_packet *pkt, uint8_t kind)
{
	return np_find_layer(pkt, kind);
}

static void test_tcp_fields(void)
{
	np_packet pkt;
	decode(&pkt, syn, sizeof(syn), sizeof(syn));
	const np_layer *l = find(&pkt, NP_LAYER_TCP);
	CHECK(l != NULL);
	if (!l)
		return;
	const struct np_tcp_info *t = &l->u.tcp;
	CHECK(l->status == NP_OK);
	CHECK(t->sport == 40000 && t->dport == 80);
	CHECK(t->seq == 1000 && t->ack == 0);
	CHECK(t->off == 40 && l->hdrlen == 40);
	CHECK(t->flags == 0x02 && t->win == 29200 && t->cksum == 0x1234 && t->urp == 0);
	CHECK(l->len == sizeof(syn) - 20);
	CHECK(l->p == syn + 20);
}

static void test_tcp_invalid(void)
{
	uint8_t buf[sizeof(syn)];
	np_packet pkt;
	memcpy(buf, syn, sizeof(buf));
	buf[32] = 0x40; /* data offset 16 < 20 */
	decode(&pkt, buf, sizeof(buf), sizeof(buf));
	const np_layer *l = find(&pkt, NP_LAYER_TCP);
	CHECK(l && l->status == NP_INVALID && l->u.tcp.sport == 40000);
	buf[3] = 0x3c;  /* IP gives TCP 40 bytes... */
	buf[32] = 0xb0; /* ...but the data offset says 44 */
	decode(&pkt, buf, sizeof(buf), sizeof(buf));
	l = find(&pkt, NP_LAYER_TCP);
	CHECK(l && l->status == NP_INVALID);
	memcpy(buf, syn, sizeof(buf));
	buf[32] = 0xa1; /* the NS (AE) bit lands in flags bit 8 */
	decode(&pkt, buf, sizeof(buf), sizeof(buf));
	l = find(&pkt, NP_LAYER_TCP);
	CHECK(l && l->u.tcp.flags == 0x102);
}

/* Cut the packet at every length: the transport layer is truncated until
 * its whole header is there, and the ports appear from 4 bytes on. */
static void test_cuts(const uint8_t *full, uint32_t len, uint8_t kind, uint32_t hdrlen)
{
	for (uint32_t cut = 0; cut <= len; cut++) {
		uint8_t *copy = cut_copy(full, cut);
		np_packet pkt;
		decode(&pkt, copy, cut, len);
		const np_layer *l = find(&pkt, kind);
		if (cut < 20) {
			CHECK(l == NULL);
		} else {
			CHECK(l != NULL);
			if (l) {
				uint32_t have = cut - 20;
				CHECK(l->status == (have >= hdrlen ? NP_OK : NP_TRUNCATED));
				uint16_t sport = kind == NP_LAYER_TCP ? l->u.tcp.sport : l->u.udp.sport;
				if (have >= 4)
					CHECK(sport == (uint16_t)(full[20] << 8 | full[21]));
			}
		}
		free(copy);
	}
}

/* The printer on one packet (-t, so no timestamp); returns the line. */
static const char *print_one(np_printer *pr, const uint8_t *p, uint32_t caplen, uint32_t wirelen)
{
	return print_packet_text(pr, NP_DLT_RAW, p, caplen, wirelen);
}

/* Every cut, under several option sets, prints without reading past it. */
static void test_print_cuts(const uint8_t *full, uint32_t len)
{
	static const np_print_opts sets[] = {
		{.tflag = 1},
		{.tflag = 1, .vflag = 1},
		{.tflag = 1, .vflag = 2, .xflag = 1, .suppress_default = 1},
		{.tflag = 1, .qflag = 1, .suppress_default = 1},
		{.tflag = 1, .Sflag = 1, .eflag = 1},
	};
	for (unsigned s = 0; s < sizeof(sets) / sizeof(sets[0]); s++) {
		np_printer pr;
		np_out o;
		init_printer(&pr, &o, &sets[s]);
		for (uint32_t cut = 1; cut <= len; cut++) {
			CHECK(ends_line(print_cut_text(&pr, NP_DLT_RAW, full, cut, len)));
		}
		done_printer(&pr, &o);
	}
}

static void test_print_lines(void)
{
	np_printer pr;
	np_out o;
	np_print_opts opts = {.tflag = 1};
	init_printer(&pr, &o, &opts);
	CHECK(strcmp(print_one(&pr, syn, sizeof(syn), sizeof(syn)),
		     "IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000:1004, win 29200, options [mss "
		     "1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 4: HTTP: GET  [|http]\n") == 0);

	/* SYN-ACK back, then the ACK: relative numbers from the table. */
	uint8_t synack[60];
	memcpy(synack, syn, sizeof(synack));
	synack[3] = sizeof(synack);
	memcpy(synack + 12, syn + 16, 4);
	memcpy(synack + 16, syn + 12, 4);
	memcpy(synack + 20, syn + 22, 2);
	memcpy(synack + 22, syn + 20, 2);
	synack[24] = 0;
	synack[25] = 0;
	synack[26] = 0x13;
	synack[27] = 0x88; /* seq 5000 */
	synack[28] = 0;
	synack[29] = 0;
	synack[30] = 0x03;
	synack[31] = 0xe9; /* ack 1001 */
	synack[33] = 0x12;
	const char *line = print_one(&pr, synack, sizeof(synack), sizeof(synack));
	CHECK(strcmp(line, "IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 5000, ack 1001, win 29200, options "
			   "[mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0\n") == 0);
	uint8_t ack[40];
	memcpy(ack, syn, 40);
	ack[3] = 40;
	ack[32] = 0x50;
	ack[33] = 0x10;
	ack[24] = 0;
	ack[25] = 0;
	ack[26] = 0x03;
	ack[27] = 0xe9; /* seq 1001 */
	ack[28] = 0;
	ack[29] = 0;
	ack[30] = 0x13;
	ack[31] = 0x89; /* ack 5001 */
	line = print_one(&pr, ack, sizeof(ack), sizeof(ack));
	CHECK(strcmp(line, "IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 29200, length 0\n") == 0);
	done_printer(&pr, &o);

	/* -S keeps them absolute; -q is short. */
	opts.Sflag = 1;
	init_printer(&pr, &o, &opts);
	print_one(&pr, synack, sizeof(synack), sizeof(synack));
	line = print_one(&pr, ack, sizeof(ack), sizeof(ack));
	CHECK(strstr(line, "ack 5001, win") != NULL);
	done_printer(&pr, &o);
	opts = (np_print_opts){.tflag = 1, .qflag = 1};
	init_printer(&pr, &o, &opts);
	CHECK(strcmp(print_one(&pr, syn, sizeof(syn), sizeof(syn)), "IP 10.0.0.1.40000 > 10.0.0.2.80: tcp 4\n") == 0);
	CHECK(strcmp(print_one(&pr, udp, sizeof(udp), sizeof(udp)),
		     "IP 10.0.0.1.40000 > 10.0.0.2.9999: UDP, length 4\n") == 0);
	done_printer(&pr, &o);

	/* Truncation points: inside the fixed header, inside an option. */
	opts = (np_print_opts){.tflag = 1};
	init_printer(&pr, &o, &opts);
	CHECK(strcmp(print_one(&pr, syn, 22, sizeof(syn)), "IP 10.0.0.1 > 10.0.0.2: [|tcp]\n") == 0);
	CHECK(strcmp(print_one(&pr, syn, 30, sizeof(syn)), "IP 10.0.0.1.40000 > 10.0.0.2.80:  [|tcp]\n") == 0);
	CHECK(strcmp(print_one(&pr, syn, 42, sizeof(syn)),
		     "IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000:1004, win 29200, options [mss [|tcp]\n") ==
	      0);
	CHECK(strcmp(print_one(&pr, syn, 44, sizeof(syn)),
		     "IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000:1004, win 29200, options [mss "
		     "1460, [|tcp]\n") == 0);
	CHECK(strcmp(print_one(&pr, syn, 50, sizeof(syn)),
		     "IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000:1004, win 29200, options [mss "
		     "1460,sackOK,TS [|tcp]>\n") == 0);
	CHECK(strcmp(print_one(&pr, syn, 62, sizeof(syn)),
		     "IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000:1004, win 29200, options [mss "
		     "1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 4: HTTP\n") == 0);
	done_printer(&pr, &o);
}

static void test_udp_fields(void)
{
	np_packet pkt;
	decode(&pkt, udp, sizeof(udp), sizeof(udp));
	const np_layer *l = find(&pkt, NP_LAYER_UDP);
	CHECK(l && l->status == NP_OK);
	if (!l)
		return;
	CHECK(l->u.udp.sport == 40000 && l->u.udp.dport == 9999);
	CHECK(l->u.udp.ulen == 12 && l->u.udp.cksum == 0xabcd && l->hdrlen == 8);

	uint8_t buf[sizeof(udp)];
	memcpy(buf, udp, sizeof(buf));
	buf[25] = 4; /* length field below the header size */
	decode(&pkt, buf, sizeof(buf), sizeof(buf));
	l = find(&pkt, NP_LAYER_UDP);
	CHECK(l && l->status == NP_INVALID);
}

int main(void)
{
	test_tcp_fields();
	test_tcp_invalid();
	test_cuts(syn, sizeof(syn), NP_LAYER_TCP, 40);
	test_print_cuts(syn, sizeof(syn));
	test_print_lines();
	test_udp_fields();
	test_cuts(udp, sizeof(udp), NP_LAYER_UDP, 8);
	test_print_cuts(udp, sizeof(udp));
	return check_summary("test_tcp");
}
