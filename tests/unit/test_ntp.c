/*
 * test_ntp.c - the NTP reader (decode/ntp.c) and printer (print/ntp.c):
 * fields and directions of hand-built time, control and private messages,
 * the status of every cut of them, and the printer's text (checked against
 * tcpdump 4.99.3) including where it stops on a cut. Each cut is a private
 * heap copy of exactly that many bytes, so the ASan build catches any read
 * past it.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/decode/ntp.h"
#include "../../src/decode/packet.h"
#include "../../src/print/print.h"
#include "check.h"
#include "print_harness.h"

/* A v4 server answer, stratum 1 "GPS", poll -6, precision -20, with a key
 * id and a 16-byte digest (68 bytes). */
static const uint8_t server_msg[] = {
	0x24, 0x01, 0xfa, 0xec, 0x00, 0x00, 0x12, 0x34,                         /* root delay 0.071105 */
	0x00, 0x00, 0xab, 0xcd,                                                 /* root dispersion 0.671096 */
	'G',  'P',  'S',  0x00, 0xe8, 0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, /* reference */
	0xe8, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x01,                         /* originate */
	0xe8, 0x00, 0x00, 0x10, 0x40, 0x00, 0x00, 0x00,                         /* receive */
	0xe8, 0x00, 0x00, 0x0f, 0xc0, 0x00, 0x00, 0x00,                         /* transmit */
	0x00, 0x00, 0x00, 0x07, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
	0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
};

/* A v4 client request as chrony sends it: only the transmit time. */
static const uint8_t client_msg[] = {
	0x23, 0x00, 0x00, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,    0,    0,    0,    0,    0,    0,    0,
	0,    0,    0,    0,    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xe8, 0x9a, 0x8b, 0x7c, 0x12, 0x34, 0x56, 0x78,
};

/* Mode 6 readvar response: sequence 1, status 0x0615, 4 data bytes. */
static const uint8_t control_msg[] = {
	0x16, 0x82, 0x00, 0x01, 0x06, 0x15, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 'a', '=', '1', 0,
};

/* Mode 7 response (R set), implementation 3, request 42, 1 item of 8 bytes. */
static const uint8_t private_msg[] = {
	0x97, 0x05, 0x03, 0x2a, 0x00, 0x01, 0x00, 0x08, 0, 0, 0, 0, 0, 0, 0, 0,
};

static void test_time_fields(void)
{
	np_ntp_msg m;
	CHECK(np_ntp_parse(&m, server_msg, server_msg + sizeof(server_msg), sizeof(server_msg)) == NP_OK);
	CHECK(m.leap == 0 && m.version == 4 && m.mode == NP_NTP_MODE_SERVER);
	CHECK(m.u.time.stratum == 1 && m.u.time.poll == -6 && m.u.time.precision == -20);
	CHECK(m.u.time.root_delay_int == 0 && m.u.time.root_delay_frac == 0x1234);
	CHECK(m.u.time.root_disp_frac == 0xabcd);
	CHECK(m.u.time.refid == server_msg + 12 && m.u.time.refid_value == 0x47505300);
	CHECK(m.u.time.ref.sec == 0xe8000000u && m.u.time.ref.frac == 0x80000000u);
	CHECK(m.u.time.org.frac == 1 && m.u.time.xmt.sec == 0xe800000fu);
	CHECK(m.u.time.has_key && m.u.time.key_id == 7 && m.u.time.digest_len == 16);
	CHECK(m.u.time.digest == server_msg + 52);
	CHECK(np_ntp_direction(&m) == NP_NTP_DIR_SERVER);

	CHECK(np_ntp_parse(&m, client_msg, client_msg + sizeof(client_msg), sizeof(client_msg)) == NP_OK);
	CHECK(m.mode == NP_NTP_MODE_CLIENT && !m.u.time.has_key && m.u.time.xmt.frac == 0x12345678u);
	CHECK(np_ntp_direction(&m) == NP_NTP_DIR_CLIENT);

	/* too short for a time message; a symmetric peer */
	uint8_t peer[48];
	memcpy(peer, client_msg, sizeof(peer));
	peer[0] = 0xd9; /* leap 3, v3, symmetric active */
	CHECK(np_ntp_parse(&m, peer, peer + 47, 47) == NP_INVALID);
	CHECK(m.leap == 3 && m.version == 3 && np_ntp_direction(&m) == NP_NTP_DIR_PEER);
	CHECK(np_ntp_parse(&m, peer, peer, 48) == NP_TRUNCATED);
	CHECK(np_ntp_direction(&m) == NP_NTP_DIR_UNKNOWN);
}

static void test_control_private_fields(void)
{
	np_ntp_msg m;
	CHECK(np_ntp_parse(&m, control_msg, control_msg + sizeof(control_msg), sizeof(control_msg)) == NP_OK);
	CHECK(m.mode == NP_NTP_MODE_CONTROL && m.version == 2);
	CHECK(m.u.ctl.response && !m.u.ctl.error && !m.u.ctl.more && m.u.ctl.opcode == 2);
	CHECK(m.u.ctl.sequence == 1 && m.u.ctl.status == 0x0615 && m.u.ctl.count == 4);
	CHECK(np_ntp_direction(&m) == NP_NTP_DIR_SERVER);
	/* the count runs past the length */
	CHECK(np_ntp_parse(&m, control_msg, control_msg + sizeof(control_msg), 15) == NP_INVALID);
	CHECK(np_ntp_parse(&m, control_msg, control_msg + sizeof(control_msg), 11) == NP_INVALID);
	CHECK(np_ntp_direction(&m) == NP_NTP_DIR_SERVER);

	CHECK(np_ntp_parse(&m, private_msg, private_msg + sizeof(private_msg), sizeof(private_msg)) == NP_OK);
	CHECK(m.mode == NP_NTP_MODE_PRIVATE && m.u.priv.response && !m.u.priv.more);
	CHECK(m.u.priv.sequence == 5 && m.u.priv.implementation == 3 && m.u.priv.request == 42);
	CHECK(m.u.priv.nitems == 1 && m.u.priv.itemsize == 8);
	CHECK(np_ntp_direction(&m) == NP_NTP_DIR_SERVER);
}

/* Every cut below the fixed header is NP_TRUNCATED, at or past it NP_OK. */
static void test_cut_status(const uint8_t *msg, size_t len, size_t header)
{
	for (size_t n = 0; n <= len; n++) {
		uint8_t *c = cut_copy(msg, n);
		np_ntp_msg m;
		int st = np_ntp_parse(&m, c, c + n, (uint32_t)len);
		CHECK(st == (n < header ? NP_TRUNCATED : NP_OK));
		CHECK(m.caplen == n);
		free(c);
	}
}

/* Print a message of `length` bytes, caplen of them captured, at -v level v. */
static const char *print_msg(np_out *o, const uint8_t *p, size_t caplen, uint32_t length, int v, bool *stopped)
{
	return print_payload(o, print_ntp, p, caplen, length, v, stopped);
}

static bool prints(np_out *o, const uint8_t *p, size_t caplen, uint32_t length, int v, const char *want)
{
	return payload_prints(o, print_ntp, p, caplen, length, v, want);
}

static void test_text(np_out *o)
{
	CHECK(prints(o, client_msg, sizeof(client_msg), sizeof(client_msg), 0, "NTPv4, Client, length 48"));
	CHECK(prints(o, server_msg, sizeof(server_msg), sizeof(server_msg), 1,
		     "NTPv4, Server, length 68\n"
		     "\tLeap indicator:  (0), Stratum 1 (primary reference), poll -6 (1/64s), precision -20\n"
		     "\tRoot Delay: 0.071105, Root dispersion: 0.671096, Reference-ID: GPS^@\n"
		     "\t  Reference Timestamp:  3892314112.500000000 (2023-05-05T22:21:52Z)\n"
		     "\t  Originator Timestamp: 3892314128.000000000 (2023-05-05T22:22:08Z)\n"
		     "\t  Receive Timestamp:    3892314128.250000000 (2023-05-05T22:22:08Z)\n"
		     "\t  Transmit Timestamp:   3892314127.750000000 (2023-05-05T22:22:07Z)\n"
		     "\t    Originator - Receive Timestamp:  +0.249999999\n"
		     "\t    Originator - Transmit Timestamp: -0.250000000\n"
		     "\tKey id: 7\n"
		     "\tAuthentication: 000102030405060708090a0b0c0d0e0f"));
	CHECK(prints(o, control_msg, sizeof(control_msg), sizeof(control_msg), 1,
		     "NTPv2, Control Message, length 16\n"
		     "\tLeap indicator:  (0), Response, OK, Last, OpCode=2\n"
		     "\tSequence=1, Status=0x615, Assoc.=0, Offset=0, Count=4\n"
		     "\tTO-BE-DONE: data not interpreted"));
	CHECK(prints(o, private_msg, sizeof(private_msg), sizeof(private_msg), 2,
		     "NTPv2, Reserved, length 16\n\tLeap indicator: -1s (128)"));
	/* too short, and not all captured */
	CHECK(prints(o, client_msg, 20, 40, 1, "NTPv4, Client, length 40\n\tLeap indicator:  (0) (invalid) [|ntp]"));
	/* cut inside the root delay: only this printer stops */
	bool stopped;
	CHECK(strcmp(print_msg(o, server_msg, 6, sizeof(server_msg), 1, &stopped),
		     "NTPv4, Server, length 68\n\tLeap indicator:  (0), Stratum 1 (primary reference),"
		     " poll -6 (1/64s), precision -20 [|ntp]") == 0);
	CHECK(!stopped);
	CHECK(strcmp(print_msg(o, server_msg, 0, sizeof(server_msg), 0, &stopped), " [|ntp]") == 0);
	CHECK(stopped);
	/* cut inside the key id: the packet stops */
	print_msg(o, server_msg, 50, sizeof(server_msg), 1, &stopped);
	CHECK(stopped);
}

/* Every cut at every -v level: nothing read past the copy, always a
 * truncation mark (or the plain line when the first byte is there). */
static void test_print_cuts(np_out *o, const uint8_t *msg, size_t len)
{
	for (size_t n = 0; n < len; n++) {
		uint8_t *c = cut_copy(msg, n);
		for (int v = 0; v <= 2; v++) {
			const char *got = print_msg(o, c, n, (uint32_t)len, v, NULL);
			if (v == 0 && n > 0)
				CHECK(strstr(got, "[|ntp]") == NULL);
			else if (!(v > 0 && msg[0] == private_msg[0]))
				CHECK(strstr(got, "[|ntp]") != NULL);
		}
		free(c);
	}
}

int main(void)
{
	np_out o;
	out_open_fd(&o, STDOUT_FILENO);
	test_time_fields();
	test_control_private_fields();
	test_cut_status(server_msg, sizeof(server_msg), NP_NTP_TIME_LEN);
	test_cut_status(client_msg, sizeof(client_msg), NP_NTP_TIME_LEN);
	test_cut_status(control_msg, sizeof(control_msg), NP_NTP_CONTROL_LEN);
	test_cut_status(private_msg, sizeof(private_msg), NP_NTP_PRIVATE_LEN);
	test_text(&o);
	test_print_cuts(&o, server_msg, sizeof(server_msg));
	test_print_cuts(&o, client_msg, sizeof(client_msg));
	test_print_cuts(&o, control_msg, sizeof(control_msg));
	test_print_cuts(&o, private_msg, sizeof(private_msg));
	o.len = 0;
	out_close(&o);
	return check_summary("unit ntp");
}
