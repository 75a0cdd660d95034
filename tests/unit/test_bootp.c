/*
 * test_bootp.c - the BOOTP/DHCP reader (decode/bootp.c) and printer
 * (print/bootp.c): fields and DHCP summary of hand-built messages, the
 * option iterator's steps, the status of every cut, and the printer's text
 * (checked against tcpdump 4.99.3) including where it stops on a cut.
 * Each cut is a private heap copy of exactly that many bytes, so the ASan
 * build catches any read past it.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/decode/bootp.h"
#include "../../src/decode/packet.h"
#include "../../src/print/print.h"
#include "check.h"
#include "print_harness.h"

#define MSG_MAX 400

static const uint8_t mac[6] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};

/* A message: the fixed header, the RFC 1048 cookie and `opts`, padded
 * with zeros to 300 bytes like a real client's. Returns its length. */
static size_t build(uint8_t *b, uint8_t op, uint32_t xid, const uint8_t *opts, size_t optlen)
{
	memset(b, 0, MSG_MAX);
	b[0] = op;
	b[1] = 1; /* Ethernet */
	b[2] = 6;
	b[4] = (uint8_t)(xid >> 24);
	b[5] = (uint8_t)(xid >> 16);
	b[6] = (uint8_t)(xid >> 8);
	b[7] = (uint8_t)xid;
	memcpy(b + NP_BOOTP_OFF_CHADDR, mac, sizeof(mac));
	static const uint8_t cookie[] = {99, 130, 83, 99};
	memcpy(b + NP_BOOTP_OFF_VEND, cookie, sizeof(cookie));
	if (optlen)
		memcpy(b + NP_BOOTP_OFF_VEND + 4, opts, optlen);
	size_t len = NP_BOOTP_OFF_VEND + 4 + optlen;
	return len < 300 ? 300 : len;
}

/* ISC dhclient's DISCOVER: type, requested address, hostname, parameters. */
static const uint8_t discover_opts[] = {
	53,  1,   1,   50,  4,   192, 168, 122, 77, 12, 9, 'd', 'e', 'b',
	'i', 'a', 'n', '-', 'v', 'm', 55,  5,   1,  28, 3, 121, 119, 255,
};

/* dnsmasq's ACK: server id, lease time, mask, router, a classless route. */
static const uint8_t ack_opts[] = {
	53,  1, 5, 54, 4,   192, 168, 122, 1,   51, 4,  0,  0, 0x0e, 0x10, 1,   4,   255, 255,
	255, 0, 3, 4,  192, 168, 122, 1,   121, 8,  24, 10, 1, 2,    192,  168, 122, 1,   255,
};

static void test_fields(void)
{
	uint8_t b[MSG_MAX];
	size_t len = build(b, NP_BOOTP_REQUEST, 0x3a4b5c6d, discover_opts, sizeof(discover_opts));
	b[NP_BOOTP_OFF_SECS + 1] = 3;
	b[NP_BOOTP_OFF_FLAGS] = 0x80;
	np_bootp_msg m;
	CHECK(np_bootp_parse(&m, b, b + len, (uint32_t)len) == NP_OK);
	CHECK(m.op == NP_BOOTP_REQUEST && m.htype == 1 && m.hlen == 6 && m.hops == 0);
	CHECK(m.xid == 0x3a4b5c6d && m.secs == 3 && m.flags == NP_BOOTP_FLAG_BROADCAST);
	CHECK(m.ciaddr == b + 12 && m.yiaddr == b + 16 && m.siaddr == b + 20 && m.giaddr == b + 24);
	CHECK(m.chaddr == b + 28 && m.client_mac == b + 28);
	CHECK(m.vendor == NP_BOOTP_VEND_RFC1048 && m.options == b + 240);
	CHECK(m.dhcp_type == NP_DHCP_DISCOVER);
	CHECK(m.requested_ip == b + 240 + 5 && m.server_id == NULL);

	len = build(b, NP_BOOTP_REPLY, 1, ack_opts, sizeof(ack_opts));
	b[NP_BOOTP_OFF_HLEN] = 16; /* not an Ethernet address: no client MAC */
	CHECK(np_bootp_parse(&m, b, b + len, (uint32_t)len) == NP_OK);
	CHECK(m.dhcp_type == NP_DHCP_ACK && m.server_id == b + 240 + 5 && m.requested_ip == NULL);
	CHECK(m.client_mac == NULL && m.chaddr == b + 28);

	/* options after END are not found; the length bounds them too */
	uint8_t late[] = {255, 53, 1, 3};
	len = build(b, NP_BOOTP_REQUEST, 1, late, sizeof(late));
	CHECK(np_bootp_parse(&m, b, b + len, (uint32_t)len) == NP_OK && m.dhcp_type == 0);
	len = build(b, NP_BOOTP_REQUEST, 1, discover_opts, sizeof(discover_opts));
	CHECK(np_bootp_parse(&m, b, b + len, 242) == NP_OK && m.dhcp_type == 0);

	/* other vendor areas, bad op, too short */
	len = build(b, NP_BOOTP_REPLY, 1, NULL, 0);
	memcpy(b + NP_BOOTP_OFF_VEND, "CMU", 4);
	CHECK(np_bootp_parse(&m, b, b + len, (uint32_t)len) == NP_OK && m.vendor == NP_BOOTP_VEND_CMU);
	CHECK(m.options == NULL);
	b[NP_BOOTP_OFF_VEND] = 0;
	CHECK(np_bootp_parse(&m, b, b + len, (uint32_t)len) == NP_OK && m.vendor == NP_BOOTP_VEND_OTHER);
	b[0] = 7;
	CHECK(np_bootp_parse(&m, b, b + len, (uint32_t)len) == NP_INVALID);
	b[0] = NP_BOOTP_REQUEST;
	CHECK(np_bootp_parse(&m, b, b + len, 239) == NP_INVALID);
	CHECK(np_bootp_parse(&m, b, b, (uint32_t)len) == NP_TRUNCATED && m.caplen == 0);
}

static void test_iterator(void)
{
	static const uint8_t opts[] = {0, 0, 53, 1, 2, 255, 12, 3, 'a', 'b'};
	np_bootp_iter it;
	np_bootp_opt o;
	np_bootp_opt_start(&it, opts, opts + sizeof(opts));
	CHECK(np_bootp_opt_next(&it, &o) == NP_BOOTP_OPT_OK && o.tag == 0 && o.len == 0);
	CHECK(np_bootp_opt_next(&it, &o) == NP_BOOTP_OPT_OK && o.tag == 0);
	CHECK(np_bootp_opt_next(&it, &o) == NP_BOOTP_OPT_OK && o.tag == 53 && o.len == 1 && o.data == opts + 4);
	CHECK(np_bootp_opt_next(&it, &o) == NP_BOOTP_OPT_OK && o.tag == 255 && o.len == 0);
	/* the walk goes on past END; this option's data is cut */
	CHECK(np_bootp_opt_next(&it, &o) == NP_BOOTP_OPT_CUT && o.tag == 12 && o.len == 3 && o.data == opts + 8);
	CHECK(np_bootp_opt_next(&it, &o) == NP_BOOTP_OPT_DONE);
	/* a tag without its length byte */
	np_bootp_opt_start(&it, opts + 6, opts + 7);
	CHECK(np_bootp_opt_next(&it, &o) == NP_BOOTP_OPT_NO_LEN && o.tag == 12);
	CHECK(np_bootp_opt_next(&it, &o) == NP_BOOTP_OPT_DONE);
}

/* Every cut below header and cookie is NP_TRUNCATED, at or past it NP_OK;
 * the iterator over what is left never reads past the copy. */
static void test_cut_status(const uint8_t *msg, size_t len)
{
	for (size_t n = 0; n <= len; n++) {
		uint8_t *c = cut_copy(msg, n);
		np_bootp_msg m;
		int st = np_bootp_parse(&m, c, c + n, (uint32_t)len);
		CHECK(st == (n < NP_BOOTP_OFF_VEND + 4 ? NP_TRUNCATED : NP_OK));
		CHECK(m.caplen == n);
		CHECK((m.chaddr != NULL) == (n >= NP_BOOTP_OFF_CHADDR + 16));
		if (m.options) {
			np_bootp_iter it;
			np_bootp_opt o;
			np_bootp_opt_start(&it, m.options, c + n);
			while (np_bootp_opt_next(&it, &o) == NP_BOOTP_OPT_OK)
				;
		}
		free(c);
	}
}

/* Print a message of `length` bytes, caplen of them captured, at -v level v. */
static const char *print_msg(np_out *o, const uint8_t *p, size_t caplen, uint32_t length, int v, bool *stopped)
{
	return print_payload(o, print_bootp, p, caplen, length, v, stopped);
}

static bool prints(np_out *o, const uint8_t *p, size_t caplen, uint32_t length, int v, const char *want)
{
	return payload_prints(o, print_bootp, p, caplen, length, v, want);
}

static void test_text(np_out *o)
{
	uint8_t b[MSG_MAX];
	size_t len = build(b, NP_BOOTP_REQUEST, 0x3a4b5c6d, discover_opts, sizeof(discover_opts));
	CHECK(prints(o, b, len, (uint32_t)len, 0, "BOOTP/DHCP, Request from 52:54:00:12:34:56, length 300"));
	CHECK(prints(o, b, len, (uint32_t)len, 1,
		     "BOOTP/DHCP, Request from 52:54:00:12:34:56, length 300, xid 0x3a4b5c6d, Flags [none]\n"
		     "\t  Client-Ethernet-Address 52:54:00:12:34:56\n"
		     "\t  Vendor-rfc1048 Extensions\n"
		     "\t    Magic Cookie 0x63825363\n"
		     "\t    DHCP-Message (53), length 1: Discover\n"
		     "\t    Requested-IP (50), length 4: 192.168.122.77\n"
		     "\t    Hostname (12), length 9: \"debian-vm\"\n"
		     "\t    Parameter-Request (55), length 5: \n"
		     "\t      Subnet-Mask (1), BR (28), Default-Gateway (3), Classless-Static-Route (121)\n"
		     "\t      Unknown (119)"));
	/* -vvv shows END and the PAD run after it */
	const char *got = print_msg(o, b, len, (uint32_t)len, 3, NULL);
	CHECK(strstr(got, "(0x0000)\n") != NULL);
	CHECK(strstr(got, "\n\t    END (255), length 0\n\t    PAD (0), length 0, occurs 32") != NULL);

	len = build(b, NP_BOOTP_REPLY, 0x3a4b5c6d, ack_opts, sizeof(ack_opts));
	memcpy(b + NP_BOOTP_OFF_YIADDR, (const uint8_t[]){192, 168, 122, 77}, 4);
	memcpy(b + NP_BOOTP_OFF_SNAME, "boot", 4);
	CHECK(prints(o, b, len, (uint32_t)len, 1,
		     "BOOTP/DHCP, Reply, length 300, xid 0x3a4b5c6d, Flags [none]\n"
		     "\t  Your-IP 192.168.122.77\n"
		     "\t  Client-Ethernet-Address 52:54:00:12:34:56\n"
		     "\t  sname \"boot\"\n"
		     "\t  Vendor-rfc1048 Extensions\n"
		     "\t    Magic Cookie 0x63825363\n"
		     "\t    DHCP-Message (53), length 1: ACK\n"
		     "\t    Server-ID (54), length 4: 192.168.122.1\n"
		     "\t    Lease-Time (51), length 4: 3600\n"
		     "\t    Subnet-Mask (1), length 4: 255.255.255.0\n"
		     "\t    Default-Gateway (3), length 4: 192.168.122.1\n"
		     "\t    Classless-Static-Route (121), length 8: (10.1.2.0/24:192.168.122.1)"));

	/* cut inside an option's data: only this printer stops */
	bool stopped;
	got = print_msg(o, b, 240 + 3 + 2 + 2, (uint32_t)len, 1, &stopped);
	CHECK(strstr(got, "\n\t    Server-ID (54), length 4:  [|bootp]") != NULL && !stopped);
	/* cut before a length byte, or in the fixed fields: the packet stops */
	got = print_msg(o, b, 240 + 3 + 1, (uint32_t)len, 1, &stopped);
	CHECK(strstr(got, "ACK [|bootp]") != NULL && stopped);
	got = print_msg(o, b, 10, (uint32_t)len, 1, &stopped);
	CHECK(strcmp(got, "BOOTP/DHCP, Reply, length 300, xid 0x3a4b5c6d [|bootp]") == 0 && stopped);
	CHECK(strcmp(print_msg(o, b, 0, (uint32_t)len, 0, &stopped), " [|bootp]") == 0 && stopped);
}

/* Every cut at every -v level: nothing read past the copy, and a
 * truncation mark whenever -v asked for more than the header. */
static void test_print_cuts(np_out *o, const uint8_t *msg, size_t len)
{
	for (size_t n = 0; n < len; n++) {
		uint8_t *c = cut_copy(msg, n);
		for (int v = 0; v <= 3; v++) {
			const char *got = print_msg(o, c, n, (uint32_t)len, v, NULL);
			if (v == 0 && n >= NP_BOOTP_OFF_CHADDR + 6)
				CHECK(strstr(got, "[|bootp]") == NULL);
			else if (v > 0 && n < NP_BOOTP_OFF_VEND + 4)
				CHECK(strstr(got, "[|bootp]") != NULL);
		}
		free(c);
	}
}

int main(void)
{
	np_out o;
	uint8_t b[MSG_MAX];
	out_open_fd(&o, STDOUT_FILENO);
	test_fields();
	test_iterator();
	size_t len = build(b, NP_BOOTP_REQUEST, 7, discover_opts, sizeof(discover_opts));
	test_cut_status(b, len);
	test_print_cuts(&o, b, len);
	len = build(b, NP_BOOTP_REPLY, 7, ack_opts, sizeof(ack_opts));
	test_cut_status(b, len);
	test_print_cuts(&o, b, len);
	test_text(&o);
	o.len = 0;
	out_close(&o);
	return check_summary("unit bootp");
}
