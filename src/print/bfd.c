/*
 * bfd.c - Bidirectional Forwarding Detection text as tcpdump 4.99's
 * print-bfd.c writes it: control packets (BFDv0 draft, BFDv1 RFC 5880)
 * on UDP 3784 (single hop, RFC 5881), 4784 (multihop, RFC 5883) and 6784
 * (LAG, RFC 7310) with their optional authentication section, echo
 * packets on 3785 as a hex dump.
 *
 * Not for: BFD over anything but UDP (tcpdump has no other path either).
 */
#include "print.h"

enum {
	BFD_PORT_CONTROL = 3784,
	BFD_PORT_ECHO = 3785,
	BFD_PORT_MULTIHOP = 4784,
	BFD_PORT_LAG = 6784,
};

#define BFD_HDR_LEN 24
#define BFD_FLAG_AUTH 0x04

enum { AUTH_PASSWORD = 1, AUTH_MD5 = 2, AUTH_MET_MD5 = 3, AUTH_SHA1 = 4, AUTH_MET_SHA1 = 5 };

static const np_tok bfd_auth_names[] = {
	{AUTH_PASSWORD, "Simple Password"},       {AUTH_MD5, "Keyed MD5"},
	{AUTH_MET_MD5, "Meticulous Keyed MD5"},   {AUTH_SHA1, "Keyed SHA1"},
	{AUTH_MET_SHA1, "Meticulous Keyed SHA1"}, {0, NULL},
};

static const np_tok bfd_diag_names[] = {
	{0, "No Diagnostic"},
	{1, "Control Detection Time Expired"},
	{2, "Echo Function Failed"},
	{3, "Neighbor Signaled Session Down"},
	{4, "Forwarding Plane Reset"},
	{5, "Path Down"},
	{6, "Concatenated Path Down"},
	{7, "Administratively Down"},
	{8, "Reverse Concatenated Path Down"},
	{0, NULL},
};

static const np_tok bfd_port_names[] = {
	{BFD_PORT_CONTROL, "Control"},
	{BFD_PORT_MULTIHOP, "Multihop"},
	{BFD_PORT_LAG, "Lag"},
	{0, NULL},
};

static const np_tok bfd_v0_flag_names[] = {
	{0x80, "I Hear You"},
	{0x40, "Demand"},
	{0x20, "Poll"},
	{0x10, "Final"},
	{0x08, "Control Plane Independent"},
	{BFD_FLAG_AUTH, "Authentication Present"},
	{0x02, "Reserved"},
	{0x01, "Reserved"},
	{0, NULL},
};

static const np_tok bfd_v1_flag_names[] = {
	{0x20, "Poll"},
	{0x10, "Final"},
	{0x08, "Control Plane Independent"},
	{BFD_FLAG_AUTH, "Authentication Present"},
	{0x02, "Demand"},
	{0x01, "Multipoint"},
	{0, NULL},
};

static const np_tok bfd_v1_state_names[] = {
	{0, "AdminDown"}, {1, "Down"}, {2, "Init"}, {3, "Up"}, {0, NULL},
};

/* n bytes at p as lowercase hex, all of them captured or a stop. */
static bool print_bfd_hex(np_printer *pr, const uint8_t *p, uint32_t n)
{
	NP_CHECK(p, pr->snapend, n);
	for (uint32_t i = 0; i < n; i++)
		out_hex(pr->out, p[i], 2);
	return true;
trunc:
	print_trunc_stop(pr);
	return false;
}

/* The authentication section after the fixed header (RFC 5880 4.2-4.4). */
static void print_bfd_auth(np_printer *pr, const uint8_t *p)
{
	np_out *o = pr->out;
	uint8_t type, len, key_id;
	uint32_t seq;
	NP_CHECK(p, pr->snapend, 4);
	type = p[0];
	len = p[1];
	key_id = p[2];
	out_fmt(o, "\n\tAuthentication: %s (%u), length: %u", tok2str(bfd_auth_names, "Unknown", type), type, len);
	out_fmt(o, "\n\t  Auth Key ID: %u", key_id);
	switch (type) {
	case AUTH_PASSWORD:
		if (len < 4 || len > 19) { /* header 3 + password 1..16 */
			out_fmt(o, "[invalid length %u]", len);
			return;
		}
		out_str(o, ", Password: ");
		if (!print_text(pr, p + 3, (uint32_t)len - 3))
			goto trunc;
		return;
	case AUTH_MD5:
	case AUTH_MET_MD5:
	case AUTH_SHA1:
	case AUTH_MET_SHA1: {
		bool md5 = type == AUTH_MD5 || type == AUTH_MET_MD5;
		if (len != (md5 ? 24 : 28)) {
			out_fmt(o, "[invalid length %u]", len);
			return;
		}
		NP_GET_BE32(seq, p + 4, pr->snapend);
		out_fmt(o, ", Sequence Number: 0x%08x", seq);
		NP_CHECK(p + 8, pr->snapend, md5 ? 16 : 20);
		out_str(o, md5 ? "\n\t  Digest: " : "\n\t  Hash: ");
		print_bfd_hex(pr, p + 8, md5 ? 16 : 20);
		return;
	}
	default: return;
	}
trunc:
	print_trunc_stop(pr);
}

static void print_bfd_dump(np_printer *pr, const uint8_t *p, uint32_t length)
{
	if (pr->o.vflag >= 1)
		print_unknown_data(pr, p, "\n\t", length);
}

/* The -v body shared by v0 and v1 after their first line. */
static void print_bfd_control_detail(np_printer *pr, const uint8_t *p)
{
	np_out *o = pr->out;
	uint32_t my_disc, your_disc, tx, rx, echo;
	NP_GET_BE32(my_disc, p + 4, pr->snapend);
	NP_GET_BE32(your_disc, p + 8, pr->snapend);
	NP_GET_BE32(tx, p + 12, pr->snapend);
	NP_GET_BE32(rx, p + 16, pr->snapend);
	NP_GET_BE32(echo, p + 20, pr->snapend);
	out_fmt(o, "\n\tDetection Timer Multiplier: %u (%u ms Detection time), BFD Length: %u", p[2], p[2] * tx / 1000,
		p[3]);
	out_fmt(o, "\n\tMy Discriminator: 0x%08x", my_disc);
	out_fmt(o, ", Your Discriminator: 0x%08x", your_disc);
	out_fmt(o, "\n\t  Desired min Tx Interval:    %4u ms", tx / 1000);
	out_fmt(o, "\n\t  Required min Rx Interval:   %4u ms", rx / 1000);
	out_fmt(o, "\n\t  Required min Echo Interval: %4u ms", echo / 1000);
	if (p[1] & BFD_FLAG_AUTH)
		print_bfd_auth(pr, p + BFD_HDR_LEN);
	return;
trunc:
	print_trunc_stop(pr);
}

static void print_bfd_control(np_printer *pr, const uint8_t *p, uint32_t length, uint16_t port)
{
	np_out *o = pr->out;
	NP_CHECK(p, pr->snapend, BFD_HDR_LEN);
	uint8_t version = p[0] >> 5, diag = p[0] & 0x1f, flags = p[1];
	if (version == 0) {
		if (pr->o.vflag < 1) {
			out_str(o, "BFDv0, Control, Flags: [");
			print_bits(pr, bfd_v0_flag_names, flags, ", ", "none");
			out_fmt(o, "], length: %u", length);
			return;
		}
		out_fmt(o, "BFDv0, length: %u\n\tControl, Flags: [", length);
		print_bits(pr, bfd_v0_flag_names, flags, ", ", "none");
	} else if (version == 1) {
		const char *kind = tok2str(bfd_port_names, "unknown (%u)", port);
		const char *state = tok2str(bfd_v1_state_names, "unknown (%u)", flags >> 6);
		if (pr->o.vflag < 1) {
			out_fmt(o, "BFDv1, %s, State %s, Flags: [", kind, state);
			print_bits(pr, bfd_v1_flag_names, flags & 0x3f, ", ", "none");
			out_fmt(o, "], length: %u", length);
			return;
		}
		out_fmt(o, "BFDv1, length: %u\n\t%s, State %s, Flags: [", length, kind, state);
		print_bits(pr, bfd_v1_flag_names, flags & 0x3f, ", ", "none");
	} else {
		out_fmt(o, "BFDv%u, Control, length: %u", version, length);
		print_bfd_dump(pr, p, length);
		return;
	}
	out_fmt(o, "], Diagnostic: %s (0x%02x)", tok2str(bfd_diag_names, "unknown", diag), diag);
	print_bfd_control_detail(pr, p);
	return;
trunc:
	print_trunc_stop(pr);
}

void print_bfd(np_printer *pr, const uint8_t *p, uint32_t length, uint16_t port)
{
	pr->protocol = "bfd";
	if (port == BFD_PORT_CONTROL || port == BFD_PORT_MULTIHOP || port == BFD_PORT_LAG) {
		print_bfd_control(pr, p, length, port);
	} else if (port == BFD_PORT_ECHO) {
		out_fmt(pr->out, "BFD, Echo, length: %u", length);
		print_bfd_dump(pr, p, length);
	} else {
		out_fmt(pr->out, "BFD, unknown (%u), length: %u", port, length);
		print_bfd_dump(pr, p, length);
	}
}

bool print_bfd_port(uint16_t dport)
{
	return dport == BFD_PORT_CONTROL || dport == BFD_PORT_MULTIHOP || dport == BFD_PORT_LAG ||
	       dport == BFD_PORT_ECHO;
}
