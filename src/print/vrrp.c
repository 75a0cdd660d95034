/*
 * vrrp.c - Virtual Router Redundancy Protocol text (RFC 3768 v2, RFC 5798
 * v3; tcpdump's print-vrrp.c): "VRRPv2, Advertisement, vrid .., prio ..",
 * and with -v the checksum check, addresses and simple password.
 *
 * Not for: CARP, which shares the protocol number (tcpdump -T carp only).
 */
#include "print.h"

#include "cksum.h"

#define VRRP_TYPE_ADVERTISEMENT 1
#define VRRP_AUTH_SIMPLE 1
#define VRRP_HDR_LEN 8
#define IPPROTO_VRRP 112

static const np_tok vrrp_type_names[] = {
	{VRRP_TYPE_ADVERTISEMENT, "Advertisement"},
	{0, NULL},
};

static const np_tok vrrp_auth_names[] = {
	{0, "none"},
	{1, "simple"},
	{2, "ah"},
	{0, NULL},
};

/* v3 sums a pseudo-header of the IP header it came in; v2 does not. */
static uint16_t vrrp_cksum(np_printer *pr, const uint8_t *p, uint32_t len, const uint8_t *iph, int version, int ver)
{
	uint32_t initial = 0;
	if (version == 3 && ver == 4) {
		const np_layer *ip = print_layer_at(pr, NP_LAYER_IP4, iph, 0);
		initial = np_pseudo_sum4(ip->u.ip4.src, ip->u.ip4.final_dst, IPPROTO_VRRP, len);
	} else if (version == 3) {
		const np_layer *ip = print_layer_at(pr, NP_LAYER_IP6, iph, 0);
		initial = np_pseudo_sum6(ip->u.ip6.src, ip->u.ip6.final_dst, IPPROTO_VRRP, len);
	}
	return np_in_cksum(p, len, initial);
}

/* The -v tail: checksum note, addresses, simple-auth password. */
static void print_vrrp_detail(np_printer *pr, const uint8_t *p, uint32_t len, const uint8_t *iph, int version, int ver,
			      uint8_t auth_type)
{
	np_out *o = pr->out;
	uint8_t naddrs;
	NP_GET_U8(naddrs, p + 3, pr->snapend);
	if (np_has(p, pr->snapend, len) && vrrp_cksum(pr, p, len, iph, version, ver) != 0) {
		uint16_t sum;
		NP_GET_BE16(sum, p + 6, pr->snapend); /* may lie past a too-short message */
		out_fmt(o, ", (bad vrrp cksum %x)", sum);
	}
	out_str(o, ", addrs");
	if (naddrs > 1)
		out_fmt(o, "(%u)", naddrs);
	out_char(o, ':');
	const uint8_t *a = p + VRRP_HDR_LEN;
	uint32_t alen = ver == 4 ? 4 : 16;
	for (unsigned i = 0; i < naddrs; i++, a += alen) {
		NP_CHECK(a, pr->snapend, alen);
		out_char(o, i ? ',' : ' ');
		if (ver == 4)
			out_ipv4(o, a);
		else
			out_ipv6(o, a);
	}
	if (version == 2 && auth_type == VRRP_AUTH_SIMPLE) {
		out_str(o, " auth \"");
		if (!print_text_nul(pr, a, 8))
			goto trunc;
		out_char(o, '"');
	}
	return;
trunc:
	print_trunc_stop(pr);
}

void print_vrrp(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *iph, uint8_t ttl, int ver)
{
	np_out *o = pr->out;
	uint8_t vt, vrid, prio, b4, b5, auth_type = 0;
	pr->protocol = "vrrp";
	out_str(o, "VRRP");
	NP_GET_U8(vt, p, pr->snapend);
	int version = vt >> 4, type = vt & 0x0f;
	out_char(o, 'v');
	out_u32(o, (uint32_t)version);
	out_str(o, ", ");
	out_str(o, tok2str(vrrp_type_names, "unknown type (%u)", (uint32_t)type));
	if (ttl != 255)
		out_fmt(o, ", (ttl %u)", ttl);
	if (version < 2 || version > 3 || type != VRRP_TYPE_ADVERTISEMENT)
		return;
	NP_GET_U8(vrid, p + 1, pr->snapend);
	NP_GET_U8(prio, p + 2, pr->snapend);
	out_fmt(o, ", vrid %u, prio %u", vrid, prio);
	NP_GET_U8(b4, p + 4, pr->snapend);
	if (version == 2) {
		auth_type = b4;
		out_str(o, ", authtype ");
		out_str(o, tok2str(vrrp_auth_names, NULL, auth_type));
		NP_GET_U8(b5, p + 5, pr->snapend);
		out_fmt(o, ", intvl %us, length %u", b5, length);
	} else {
		NP_GET_U8(b5, p + 5, pr->snapend);
		out_fmt(o, ", intvl %ucs, length %u", (uint32_t)((b4 & 0x0f) << 8 | b5), length);
	}
	if (pr->o.vflag)
		print_vrrp_detail(pr, p, length, iph, version, ver, auth_type);
	return;
trunc:
	print_trunc_stop(pr);
}
