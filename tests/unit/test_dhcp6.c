/*
 * test_dhcp6.c - the DHCPv6 reader (decode/dhcp6.c) and printer
 * (print/dhcp6.c): header fields of hand-built client and relay messages,
 * the option iterator, relay unwrapping and its depth limit, the status of
 * every cut, and the printer's text (checked against tcpdump 4.99.3),
 * including where it stops on a cut. Each cut is a private heap copy of
 * exactly that many bytes, so the ASan build catches any read past it.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/decode/dhcp6.h"
#include "../../src/decode/packet.h"
#include "../../src/print/print.h"
#include "check.h"
#include "print_harness.h"

/* Solicit, xid e1e093: client-ID (DUID-LL), ORO (23, 24), elapsed time 0,
 * IA_PD with no prefix. */
static const uint8_t solicit[] = {
	0x01, 0xe1, 0xe0, 0x93, 0x00, 0x01, 0x00, 0x0a, 0x00, 0x03, 0x00, 0x01, 0x00, 0x01, 0x02, 0x03,
	0x04, 0x05, 0x00, 0x06, 0x00, 0x04, 0x00, 0x17, 0x00, 0x18, 0x00, 0x08, 0x00, 0x02, 0x00, 0x00,
	0x00, 0x19, 0x00, 0x0c, 0x02, 0x03, 0x04, 0x05, 0x00, 0x00, 0x0e, 0x10, 0x00, 0x00, 0x15, 0x18,
};

static const char solicit_text[] = "dhcp6 solicit (xid=e1e093 (client-ID hwaddr type 1 000102030405) "
				   "(option-request DNS-server DNS-search-list) (elapsed-time 0) "
				   "(IA_PD IAID:33752069 T1:3600 T2:5400))";

/* Relay-forward, hop count 1, link 2001:db8::1, peer fe80::2, carrying an
 * interface-ID and an Information-request with rapid commit. */
static const uint8_t relay_fwd[] = {
	0x0c, 0x01, 0x20, 0x01, 0x0d, 0xb8, 0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0x01,
	0xfe, 0x80, 0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0x02, 0x00, 0x12,
	0x00, 0x02, 'e',  '0',  0x00, 0x09, 0x00, 0x08, 0x0b, 0x00, 0x00, 0x2a, 0x00, 0x0e, 0x00, 0x00,
};

static const char relay_fwd_text[] = "dhcp6 relay-fwd (linkaddr=2001:db8::1 peeraddr=fe80::2 (interface-ID 6530...) "
				     "(relay-message (dhcp6 inf-req (xid=2a (rapid-commit))))";

static void test_client_fields(void)
{
	np_dhcp6_msg m;
	CHECK(np_dhcp6_parse(&m, solicit, solicit + sizeof(solicit), sizeof(solicit)) == NP_OK);
	CHECK(m.msgtype == NP_DHCP6_SOLICIT);
	CHECK(!m.relay);
	CHECK(m.xid == 0xe1e093);
	CHECK(m.opts == solicit + 4);
	CHECK(m.end == solicit + sizeof(solicit));

	np_dhcp6_iter it;
	np_dhcp6_opt o;
	static const uint16_t codes[] = {1, 6, 8, 25};
	np_dhcp6_iter_init(&it, m.opts, m.end);
	for (unsigned i = 0; i < 4; i++) {
		CHECK(np_dhcp6_iter_next(&it, &o) == NP_DHCP6_OPT);
		CHECK(o.code == codes[i]);
	}
	CHECK(o.len == 12 && o.data == solicit + sizeof(solicit) - 12);
	CHECK(np_dhcp6_iter_next(&it, &o) == NP_DHCP6_END);

	CHECK(np_dhcp6_find(m.opts, m.end, NP_DHCP6_OPT_ELAPSED_TIME, &o) && o.len == 2);
	CHECK(!np_dhcp6_find(m.opts, m.end, NP_DHCP6_OPT_RELAY_MSG, &o));

	/* a message length shorter than the capture ends the options there */
	CHECK(np_dhcp6_parse(&m, solicit, solicit + sizeof(solicit), 20) == NP_OK);
	np_dhcp6_iter_init(&it, m.opts, m.end);
	CHECK(np_dhcp6_iter_next(&it, &o) == NP_DHCP6_OPT);
	CHECK(np_dhcp6_iter_next(&it, &o) == NP_DHCP6_CUT);
	CHECK(np_dhcp6_parse(&m, solicit, solicit + sizeof(solicit), 3) == NP_INVALID);
	CHECK(m.xid == 0xe1e093);
}

static void test_relay_fields(void)
{
	np_dhcp6_msg m, inner;
	unsigned depth;
	CHECK(np_dhcp6_parse(&m, relay_fwd, relay_fwd + sizeof(relay_fwd), sizeof(relay_fwd)) == NP_OK);
	CHECK(m.relay && m.msgtype == NP_DHCP6_RELAY_FORW);
	CHECK(m.hopcount == 1);
	CHECK(m.linkaddr == relay_fwd + 2 && m.peeraddr == relay_fwd + 18);
	CHECK(m.opts == relay_fwd + 34);
	CHECK(np_dhcp6_unwrap(&m, &inner, &depth) == NP_OK);
	CHECK(depth == 1);
	CHECK(inner.msgtype == NP_DHCP6_INFORM_REQ && inner.xid == 0x2a && !inner.relay);
	CHECK(inner.p == relay_fwd + sizeof(relay_fwd) - 8);

	/* a relay without a relay message option */
	CHECK(np_dhcp6_parse(&m, relay_fwd, relay_fwd + 40, 40) == NP_OK);
	CHECK(np_dhcp6_unwrap(&m, &inner, &depth) == NP_INVALID);
	/* a relay shorter than its header: the addresses are still read */
	CHECK(np_dhcp6_parse(&m, relay_fwd, relay_fwd + sizeof(relay_fwd), 20) == NP_INVALID);
	CHECK(m.peeraddr == relay_fwd + 18);
}

/* Relays nested n deep around an empty Solicit, built at buf's end.
 * Returns the outermost message. */
static const uint8_t *nest_relays(uint8_t *buf, size_t cap, unsigned n, size_t *len)
{
	static const uint8_t solicit_hdr[] = {0x01, 0x00, 0x00, 0x07};
	size_t at = cap - sizeof(solicit_hdr);
	memcpy(buf + at, solicit_hdr, sizeof(solicit_hdr));
	for (unsigned i = 0; i < n; i++) {
		size_t inner_len = cap - at;
		at -= NP_DHCP6_RELAY_HDR_LEN + NP_DHCP6_OPT_HDR_LEN;
		memset(buf + at, 0, NP_DHCP6_RELAY_HDR_LEN);
		buf[at] = NP_DHCP6_RELAY_FORW;
		buf[at + 1] = (uint8_t)i;
		uint8_t *opt = buf + at + NP_DHCP6_RELAY_HDR_LEN;
		opt[0] = 0;
		opt[1] = NP_DHCP6_OPT_RELAY_MSG;
		opt[2] = (uint8_t)(inner_len >> 8);
		opt[3] = (uint8_t)inner_len;
	}
	*len = cap - at;
	return buf + at;
}

static void test_relay_depth(void)
{
	static uint8_t buf[64 * 40];
	np_dhcp6_msg m, inner;
	unsigned depth;
	size_t len;
	const uint8_t *p = nest_relays(buf, sizeof(buf), NP_DHCP6_MAX_RELAY_DEPTH, &len);
	CHECK(np_dhcp6_parse(&m, p, p + len, (uint32_t)len) == NP_OK);
	CHECK(np_dhcp6_unwrap(&m, &inner, &depth) == NP_OK);
	CHECK(depth == NP_DHCP6_MAX_RELAY_DEPTH);
	CHECK(inner.msgtype == NP_DHCP6_SOLICIT && inner.xid == 7);

	p = nest_relays(buf, sizeof(buf), NP_DHCP6_MAX_RELAY_DEPTH + 1, &len);
	CHECK(np_dhcp6_parse(&m, p, p + len, (uint32_t)len) == NP_OK);
	CHECK(np_dhcp6_unwrap(&m, &inner, &depth) == NP_INVALID);
}

/* Every cut of a message: the header status by where the cut falls, and
 * no walk over the options reads past it. */
static void test_cut_status(const uint8_t *msg, size_t len, size_t hdr)
{
	for (size_t n = 0; n <= len; n++) {
		uint8_t *c = cut_copy(msg, n);
		np_dhcp6_msg m, inner;
		unsigned depth;
		int st = np_dhcp6_parse(&m, c, c + n, (uint32_t)len);
		CHECK(st == (n >= hdr ? NP_OK : NP_TRUNCATED));
		np_dhcp6_iter it;
		np_dhcp6_opt o;
		np_dhcp6_iter_init(&it, m.opts, m.end);
		int step;
		while ((step = np_dhcp6_iter_next(&it, &o)) == NP_DHCP6_OPT)
			CHECK(o.data + o.len <= c + n);
		/* a cut between options just ends the walk early */
		CHECK(n < len || step == NP_DHCP6_END);
		if (st == NP_OK)
			(void)np_dhcp6_unwrap(&m, &inner, &depth);
		free(c);
	}
}

/* Print a message of `length` bytes, caplen of them captured, at -v level v. */
static const char *print_msg(np_out *o, const uint8_t *p, size_t caplen, uint32_t length, int v, bool *stopped)
{
	return print_payload(o, print_dhcp6, p, caplen, length, v, stopped);
}

static bool prints(np_out *o, const uint8_t *p, size_t caplen, uint32_t length, int v, const char *want)
{
	return payload_prints(o, print_dhcp6, p, caplen, length, v, want);
}

static void test_text(np_out *o)
{
	CHECK(prints(o, solicit, sizeof(solicit), sizeof(solicit), 0, "dhcp6 solicit"));
	CHECK(prints(o, solicit, sizeof(solicit), sizeof(solicit), 1, solicit_text));
	CHECK(prints(o, relay_fwd, sizeof(relay_fwd), sizeof(relay_fwd), 2, relay_fwd_text));
	/* the capture ends inside the IA_PD: the walk gives up there */
	CHECK(prints(o, solicit, sizeof(solicit) - 1, sizeof(solicit), 1,
		     "dhcp6 solicit (xid=e1e093 (client-ID hwaddr type 1 000102030405) "
		     "(option-request DNS-server DNS-search-list) (elapsed-time 0) [|dhcp6])"));
	/* the relay header cut inside the peer address stops the packet */
	bool stopped = false;
	const char *got = print_msg(o, relay_fwd, 30, sizeof(relay_fwd), 1, &stopped);
	CHECK(strcmp(got, "dhcp6 relay-fwd (linkaddr=2001:db8::1 [|dhcp6]") == 0);
	CHECK(stopped);
	CHECK(prints(o, solicit, 3, sizeof(solicit), 1, "dhcp6 [|dhcp6]"));
}

/* Printing every cut reads nothing past it (ASan) and always prints the
 * "dhcp6" prefix. */
static void test_print_cuts(np_out *o, const uint8_t *msg, size_t len)
{
	for (size_t n = 0; n < len; n++) {
		uint8_t *c = cut_copy(msg, n);
		for (int v = 0; v <= 2; v++) {
			const char *got = print_msg(o, c, n, (uint32_t)len, v, NULL);
			CHECK(strncmp(got, "dhcp6", 5) == 0);
		}
		free(c);
	}
}

int main(void)
{
	np_out o;
	out_open_fd(&o, STDOUT_FILENO);
	test_client_fields();
	test_relay_fields();
	test_relay_depth();
	test_cut_status(solicit, sizeof(solicit), NP_DHCP6_HDR_LEN);
	test_cut_status(relay_fwd, sizeof(relay_fwd), NP_DHCP6_RELAY_HDR_LEN);
	test_text(&o);
	test_print_cuts(&o, solicit, sizeof(solicit));
	test_print_cuts(&o, relay_fwd, sizeof(relay_fwd));
	o.len = 0; /* the texts were checked, not meant for stdout */
	out_close(&o);
	return check_summary("unit dhcp6");
}
