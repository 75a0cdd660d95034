/*
 * test_telnet.c - the TELNET printer (src/print/telnet.c) on hand-built
 * TCP port 23 segments: the command list as tcpdump 4.99.3 prints it, the
 * -X -vvv per-command hex, data after the commands left alone, and a
 * capture cut at every length printed with tcpdump's truncation mark and
 * without a read past the cut (the ASan run checks that: each cut copy is
 * its own exact-size allocation). Expected lines are tcpdump's own.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/decode/packet.h"
#include "../../src/print/print.h"
#include "check.h"
#include "print_harness.h"

#define IP_TCP_LEN 40 /* the IPv4 and TCP headers before the payload */

/* 10.0.0.1.40000 > 10.0.0.2.23, seq 1000, ack 2000: DO ECHO, SB TERMINAL
 * TYPE IS 'X' SE, SB ENCRYPT SUPPORT DES_CFB64 SE, IAC IAC, AYT, WILL 200,
 * then one data byte. */
static const uint8_t cmds[] = {
	0x45, 0x00, 0x00, 0x41, 0x00, 0x01, 0x00, 0x00, 0x40, 0x06, 0x00, 0x00, 10,   0,    0,
	1,    10,   0,    0,    2,    0x9c, 0x40, 0x00, 0x17, 0x00, 0x00, 0x03, 0xe8, 0x00, 0x00,
	0x07, 0xd0, 0x50, 0x18, 0x00, 0x40, 0x12, 0x34, 0x00, 0x00, 0xff, 0xfd, 0x01, /* DO ECHO */
	0xff, 0xfa, 0x18, 0x00, 0x58, 0xff, 0xf0,                                     /* SB TERMINAL TYPE IS 0x58 SE */
	0xff, 0xfa, 0x26, 0x01, 0x01, 0xff, 0xf0, /* SB ENCRYPT SUPPORT DES_CFB64 SE */
	0xff, 0xff,                               /* IAC IAC */
	0xff, 0xf6,                               /* AYT */
	0xff, 0xfb, 0xc8,                         /* WILL 0xc8 */
	'x',
};

/* A subnegotiation whose segment ends after the IAC of its IAC SE:
 * tcpdump counts the SE anyway and runs off the end. */
static const uint8_t cut_sb[] = {
	0x45, 0x00, 0x00, 0x2e, 0x00, 0x01, 0x00, 0x00, 0x40, 0x06, 0x00, 0x00, 10,   0,    0,    1,
	10,   0,    0,    2,    0x9c, 0x40, 0x00, 0x17, 0x00, 0x00, 0x03, 0xe8, 0x00, 0x00, 0x07, 0xd0,
	0x50, 0x18, 0x00, 0x40, 0x12, 0x34, 0x00, 0x00, 0xff, 0xfa, 0x18, 0x00, 0x41, 0xff,
};

/* Data first: nothing is printed after the length. */
static const uint8_t data_first[] = {
	0x45, 0x00, 0x00, 0x2b, 0x00, 0x01, 0x00, 0x00, 0x40, 0x06, 0x00, 0x00, 10,   0,    0,
	2,    10,   0,    0,    1,    0x00, 0x17, 0x9c, 0x40, 0x00, 0x00, 0x07, 0xd0, 0x00, 0x00,
	0x03, 0xe8, 0x50, 0x18, 0x00, 0x40, 0x12, 0x34, 0x00, 0x00, 'h',  0xff, 0xfd,
};

#define HEAD "IP 10.0.0.1.40000 > 10.0.0.2.23: Flags [P.], seq 1000:1025, ack 2000, win 64, length 25"
#define ALL_CMDS \
	" [telnet DO ECHO, SB TERMINAL TYPE IS 0x58 SE, SB ENCRYPT SUPPORT DES_CFB64 SE, IAC IAC, AYT, WILL 0xc8"

/* The printer on one packet (-t, so no timestamp); returns its text. */
static const char *print_one(np_printer *pr, const uint8_t *p, uint32_t caplen, uint32_t wirelen)
{
	return print_packet_text(pr, NP_DLT_RAW, p, caplen, wirelen);
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);
	return n >= m && strcmp(s + n - m, tail) == 0;
}

static void test_lines(void)
{
	np_printer pr;
	np_out o;
	np_print_opts opts = {.tflag = 1, .Sflag = 1};
	init_printer(&pr, &o, &opts);
	CHECK(strcmp(print_one(&pr, cmds, sizeof(cmds), sizeof(cmds)), HEAD ALL_CMDS "]\n") == 0);
	CHECK(strcmp(print_one(&pr, cut_sb, sizeof(cut_sb), sizeof(cut_sb)),
		     "IP 10.0.0.1.40000 > 10.0.0.2.23: Flags [P.], seq 1000:1006, ack 2000, win 64, length 6"
		     " [telnet SB TERMINAL TYPE IS 0x41 SE [|telnet]\n") == 0);
	CHECK(strcmp(print_one(&pr, data_first, sizeof(data_first), sizeof(data_first)),
		     "IP 10.0.0.2.23 > 10.0.0.1.40000: Flags [P.], seq 2000:2003, ack 1000, win 64, length 3\n") == 0);
	done_printer(&pr, &o);
}

/* Where tcpdump stops at each cut inside the payload. */
static void test_cut_lines(void)
{
	static const struct {
		uint32_t payload;
		const char *tail;
	} cuts[] = {
		{0, " [|telnet]\n"},
		{2, " [|telnet]\n"},
		{3, " [telnet DO ECHO [|telnet]\n"},
		{9, " [telnet DO ECHO [|telnet]\n"},
		{10, " [telnet DO ECHO, SB TERMINAL TYPE IS 0x58 SE [|telnet]\n"},
		{17, " [telnet DO ECHO, SB TERMINAL TYPE IS 0x58 SE, SB ENCRYPT SUPPORT DES_CFB64 SE [|telnet]\n"},
		{19,
		 " [telnet DO ECHO, SB TERMINAL TYPE IS 0x58 SE, SB ENCRYPT SUPPORT DES_CFB64 SE, IAC IAC [|telnet]\n"},
		{24, ALL_CMDS " [|telnet]\n"},
	};
	np_printer pr;
	np_out o;
	np_print_opts opts = {.tflag = 1, .Sflag = 1};
	init_printer(&pr, &o, &opts);
	for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
		const char *line = print_cut_text(&pr, NP_DLT_RAW, cmds, IP_TCP_LEN + cuts[i].payload, sizeof(cmds));
		CHECK(strncmp(line, HEAD, strlen(HEAD)) == 0);
		CHECK(strcmp(line + strlen(HEAD), cuts[i].tail) == 0);
	}
	done_printer(&pr, &o);
}

/* -X -vvv: each command's bytes at its offset, then its text. */
static void test_hex_dump(void)
{
	np_printer pr;
	np_out o;
	np_print_opts opts = {.tflag = 1, .Sflag = 1, .vflag = 3, .Xflag = 1, .suppress_default = 1};
	init_printer(&pr, &o, &opts);
	const char *text = print_one(&pr, cmds, sizeof(cmds), sizeof(cmds));
	CHECK(strstr(text, "length 25\nTelnet:\n"
			   "0x0000:  fffd 01               \tDO ECHO\n"
			   "0x0003:  fffa 1800 58ff f0   \tSB TERMINAL TYPE IS 0x58 SE\n"
			   "0x000a:  fffa 2601 01ff f0   \tSB ENCRYPT SUPPORT DES_CFB64 SE\n"
			   "0x0011:  ffff                  \tIAC IAC\n"
			   "0x0013:  fff6                  \tAYT\n"
			   "0x0015:  fffb c8               \tWILL 0xc8\n"
			   "\n\t0x0000:  4500") != NULL);
	/* The cut subnegotiation claims one byte more than was captured. */
	text = print_one(&pr, cut_sb, sizeof(cut_sb), sizeof(cut_sb));
	CHECK(strstr(text, "length 6\nTelnet:\n0x0000:  fffa 1800 41ff [|telnet]\n\t0x0000:  4500") != NULL);
	done_printer(&pr, &o);
}

/* Every cut under several option sets: the mark when the payload is cut,
 * no read past the cut. */
static void test_every_cut(const uint8_t *full, uint32_t len)
{
	static const np_print_opts sets[] = {
		{.tflag = 1},
		{.tflag = 1, .vflag = 1},
		{.tflag = 1, .vflag = 2},
		{.tflag = 1, .vflag = 3, .Xflag = 1, .suppress_default = 1},
	};
	for (size_t s = 0; s < sizeof(sets) / sizeof(sets[0]); s++) {
		np_printer pr;
		np_out o;
		init_printer(&pr, &o, &sets[s]);
		for (uint32_t cut = IP_TCP_LEN; cut < len; cut++) {
			const char *text = print_cut_text(&pr, NP_DLT_RAW, full, cut, len);
			CHECK(strstr(text, "[|telnet]") != NULL);
			if (sets[s].Xflag == 0)
				CHECK(ends_with(text, "[|telnet]\n"));
		}
		done_printer(&pr, &o);
	}
}

int main(void)
{
	test_lines();
	test_cut_lines();
	test_hex_dump();
	test_every_cut(cmds, sizeof(cmds));
	test_every_cut(cut_sb, sizeof(cut_sb));
	return check_summary("telnet");
}
