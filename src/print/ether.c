/*
 * ether.c - Ethernet text: the -e link header, VLAN tags, the ethertype
 * names, and the dispatch from an ethertype to its printer. Unknown types
 * get tcpdump's "addresses, ethertype Unknown (0x....), length N:" and a
 * hex dump.
 */
#include "print.h"

#define ETHER_HDRLEN 14
#define MAX_ETHERNET_LENGTH_VAL 1500

static const np_tok ethertype_values[] = {
	{0x0800, "IPv4"},
	{0x8847, "MPLS unicast"},
	{0x8848, "MPLS multicast"},
	{0x86dd, "IPv6"},
	{0x8100, "802.1Q"},
	{0x9100, "802.1Q-9100"},
	{0x88a8, "802.1Q-QinQ"},
	{0x9200, "802.1Q-9200"},
	{0x88e5, "802.1AE MACsec"},
	{0x0200, "PUP"},
	{0x0806, "ARP"},
	{0x8035, "Reverse ARP"},
	{0x0600, "NS"},
	{0x0500, "Sprite"},
	{0x1000, "Trail"},
	{0x6001, "MOP DL"},
	{0x6002, "MOP RC"},
	{0x6003, "DN"},
	{0x6004, "LAT"},
	{0x6007, "SCA"},
	{0x6558, "TEB"},
	{0x8038, "Lanbridge"},
	{0x803c, "DEC DNS"},
	{0x803e, "DEC DTS"},
	{0x805b, "VEXP"},
	{0x805c, "VPROD"},
	{0x809b, "Appletalk"},
	{0x80f3, "Appletalk ARP"},
	{0x8137, "IPX"},
	{0x880b, "PPP"},
	{0x8808, "MPCP"},
	{0x8809, "Slow Protocols"},
	{0x8863, "PPPoE D"},
	{0x8864, "PPPoE S"},
	{0x888e, "EAPOL"},
	{0x8899, "Realtek protocols"},
	{0x886f, "MS NLB heartbeat"},
	{0x8870, "Jumbo"},
	{0x894F, "NSH"},
	{0x9000, "Loopback"},
	{0xfefe, "OSI"},
	{0x00FE, "GRE-OSI"},
	{0xabcd, "CFM (old)"},
	{0x8902, "CFM"},
	{0x893a, "IEEE1905.1"},
	{0x88cc, "LLDP"},
	{0x88ca, "TIPC"},
	{0x0707, "GeoNet (old)"},
	{0x8947, "GeoNet"},
	{0x1111, "CALM FAST"},
	{0x88a2, "AoE"},
	{0x88f7, "PTP"},
	{0xd28b, "Arista Vendor Specific Protocol"},
	{0, NULL},
};

const char *ethertype_name(uint16_t type)
{
	return tok_name(ethertype_values, type);
}

static void print_ether_addresses(np_printer *pr, const uint8_t *src, const uint8_t *dst)
{
	out_mac(pr->out, src);
	out_str(pr->out, " > ");
	out_mac(pr->out, dst);
	out_str(pr->out, ", ");
}

static void print_ether_type(np_printer *pr, uint16_t type)
{
	const char *name = ethertype_name(type);
	if (!pr->o.qflag) {
		out_str(pr->out, "ethertype ");
		out_str(pr->out, name ? name : "Unknown");
		out_str(pr->out, " (0x");
		out_hex(pr->out, type, 4);
		out_char(pr->out, ')');
	} else if (name) {
		out_str(pr->out, name);
	} else {
		out_str(pr->out, "Unknown Ethertype (0x");
		out_hex(pr->out, type, 4);
		out_char(pr->out, ')');
	}
}

bool print_ethertype(np_printer *pr, uint16_t type, const uint8_t *p, uint32_t length, uint32_t caplen,
		     const uint8_t *src_mac, const uint8_t *dst_mac)
{
	(void)dst_mac;
	switch (type) {
	case 0x0800: print_ip(pr, p, length); return true;
	case 0x86dd: print_ip6(pr, p, length); return true;
	case 0x0806:
	case 0x8035: print_arp(pr, p, length, caplen); return true;
	case 0x8847:
	case 0x8848: print_mpls(pr, p, length); return true;
	case 0x894f: print_nsh(pr, p, length); return true;
	case 0x886f: print_msnlb(pr, p); return true;
	case 0x9000: print_loopback(pr, p, length); return true;
	case 0x88cc: print_lldp(pr, p, length); return true;
	case 0x8902:
	case 0xabcd: print_cfm(pr, p, length); return true;
	case 0x88ca: print_tipc(pr, p); return true;
	case 0x888e: print_eapol(pr, p); return true;
	case 0x8809: print_slow(pr, p, length); return true;
	case 0x8863:
	case 0x8864: print_pppoe(pr, p, length); return true;
	case 0x80f3: print_aarp(pr, p, length); return true;
	case 0x6003: print_decnet(pr, p, length); return true;
	case 0x809b:
		if (pr->o.vflag)
			out_str(pr->out, "et1 ");
		print_atalk(pr, p, length);
		return true;
	case 0x0707:
	case 0x8947: print_geonet(pr, p, length, src_mac); return true;
	case 0x1111: print_calm_fast(pr, p, length, src_mac); return true;
	case 0x88a2: print_aoe(pr, p, length); return true;
	case 0x88f7: print_ptp(pr, p, length); return true;
	case 0x8137:
		out_str(pr->out, "(NOV-ETHII) ");
		print_ipx(pr, p, length);
		return true;
	case 0xfefe:
		/* one byte (of no known meaning) before the NLPID */
		if (length == 0 || caplen == 0) {
			pr->protocol = "isoclns";
			print_trunc(pr);
		} else {
			print_isoclns(pr, p + 1, length - 1);
		}
		return true;
	case 0x880b: /* PPP */
		if (length) {
			out_str(pr->out, ": ");
			print_ppp(pr, p, length);
		}
		return true;
	default: return false;
	}
}

#define ETHERTYPE_ARISTA 0xd28b

static bool is_vlan_type(uint16_t t)
{
	return t == 0x8100 || t == 0x9100 || t == 0x9200 || t == 0x88a8;
}

void print_vlan_tci(np_printer *pr, uint16_t tci)
{
	out_str(pr->out, "vlan ");
	out_u32(pr->out, tci & 0xfff);
	out_str(pr->out, ", p ");
	out_u32(pr->out, tci >> 13);
	if (tci & 0x1000)
		out_str(pr->out, ", DEI");
	out_str(pr->out, ", ");
}

static uint32_t print_ether_payload(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen,
				    uint32_t orig_length, uint32_t hdrlen, uint16_t type, const uint8_t *src,
				    const uint8_t *dst);

uint32_t print_ether(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	pr->protocol = "ether";
	if (length < caplen) {
		out_fmt(pr->out, "[length %u < caplen %u]", length, caplen);
		print_invalid(pr);
		return length;
	}
	if (caplen < ETHER_HDRLEN) {
		print_trunc(pr);
		return caplen;
	}
	const np_layer *eth = print_layer_at(pr, NP_LAYER_ETH, p, length);
	const uint8_t *dst = eth->u.eth.dst, *src = eth->u.eth.src;
	if (pr->o.eflag)
		print_ether_addresses(pr, src, dst);
	return print_ether_payload(pr, p + ETHER_HDRLEN, length - ETHER_HDRLEN, caplen - ETHER_HDRLEN, length,
				   ETHER_HDRLEN, eth->u.eth.type_or_len, src, dst);
}

uint32_t print_ether_tagged(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen,
			    void (*tag)(np_printer *, const uint8_t *), uint32_t taglen)
{
	uint16_t type; /* pr->protocol stays the link type's, as in tcpdump */
	if (length < caplen) {
		out_fmt(pr->out, "[length %u < caplen %u]", length, caplen);
		print_invalid(pr);
		return length;
	}
	if (caplen < ETHER_HDRLEN + taglen || !np_get_be16(p + 12 + taglen, pr->snapend, &type)) {
		print_trunc(pr);
		return caplen;
	}
	if (pr->o.eflag)
		print_ether_addresses(pr, p + 6, p);
	tag(pr, p + 12);
	return print_ether_payload(pr, p + ETHER_HDRLEN + taglen, length - ETHER_HDRLEN - taglen,
				   caplen - ETHER_HDRLEN - taglen, length, ETHER_HDRLEN + taglen, type, p + 6, p);
}

/* What follows the (last) type field: MACsec, VLAN tags, 802.3 + LLC or
 * the payload of the type (tcpdump's ether_common_print from "recurse"). */
static uint32_t print_ether_payload(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen,
				    uint32_t orig_length, uint32_t hdrlen, uint16_t type, const uint8_t *src,
				    const uint8_t *dst)
{
	bool printed_length;
recurse:
	printed_length = false;
	if (type == 0x88e5) {
		/* 802.1AE MACsec (macsec.c); VLAN tags may follow it */
		if (pr->o.eflag) {
			print_ether_type(pr, type);
			out_fmt(pr->out, ", length %u: ", orig_length);
			printed_length = true;
		}
		int ret = print_macsec(pr, &p, &length, &caplen, &hdrlen, src, dst);
		if (ret == 0) {
			if (!pr->o.suppress_default)
				print_default(pr, p, caplen);
			return hdrlen;
		}
		if (ret > 0)
			return (uint32_t)ret;
		uint16_t inner;
		if (!np_get_be16(p, pr->snapend, &inner)) {
			print_trunc_stop(pr);
			return hdrlen;
		}
		if (caplen < 2)
			return hdrlen;
		type = inner;
		p += 2;
		length -= 2;
		caplen -= 2;
		hdrlen += 2;
	}

	while (is_vlan_type(type)) {
		/* read here, not from the decoder: a tag after MACsec is not decoded */
		uint16_t tci, next;
		if (caplen < 4 || length < 4 || !np_get_be16(p, pr->snapend, &tci) ||
		    !np_get_be16(p + 2, pr->snapend, &next)) {
			pr->protocol = "vlan";
			print_trunc(pr);
			return hdrlen + (caplen < length ? caplen : length);
		}
		if (pr->o.eflag) {
			print_ether_type(pr, type);
			if (!printed_length) {
				out_fmt(pr->out, ", length %u: ", orig_length);
				printed_length = true;
			} else {
				out_str(pr->out, ", ");
			}
			print_vlan_tci(pr, tci);
		}
		type = next;
		p += 4;
		length -= 4;
		caplen -= 4;
		hdrlen += 4;
	}

	if (type == ETHERTYPE_ARISTA) {
		if (caplen < 2 || length < 2) {
			out_str(pr->out, "[|arista]");
			return hdrlen + (caplen < 2 ? caplen : length);
		}
		print_ether_type(pr, type);
		out_fmt(pr->out, ", length %u: ", orig_length);
		int used = print_arista(pr, p);
		if (pr->stopped)
			return hdrlen;
		if (used > 0) {
			/* The original ethertype follows: tcpdump's "goto recurse". */
			p += used;
			length -= (uint32_t)used;
			caplen -= (uint32_t)used;
			hdrlen += (uint32_t)used;
			if (!np_get_be16(p, pr->snapend, &type)) {
				print_trunc_stop(pr);
				return hdrlen;
			}
			p += 2;
			length -= 2;
			caplen -= 2;
			hdrlen += 2;
			goto recurse;
		}
		if (!pr->o.eflag) {
			print_ether_addresses(pr, src, dst);
			print_ether_type(pr, type);
			out_fmt(pr->out, ", length %u: ", orig_length);
		}
		if (!pr->o.suppress_default)
			print_default(pr, p, caplen);
		return hdrlen;
	}
	if (type <= MAX_ETHERNET_LENGTH_VAL) {
		/* 802.3 length field: an LLC header follows (llc.c). */
		if (type < length) {
			length = type;
			if (caplen > length)
				caplen = length;
		}
		const uint8_t *old = print_push_snaplen(pr, p, length);
		if (pr->o.eflag) {
			out_str(pr->out, "802.3");
			if (!printed_length)
				out_fmt(pr->out, ", length %u: ", length);
		}
		int llc_hdrlen = print_llc(pr, p, length, caplen, src, dst);
		if (llc_hdrlen < 0) {
			/* LLC knows no printer for the payload: dump it. */
			if (!pr->o.suppress_default && !pr->stopped)
				print_default(pr, p, caplen);
			llc_hdrlen = -llc_hdrlen;
		}
		print_pop_snapend(pr, old);
		return hdrlen + (uint32_t)llc_hdrlen;
	}
	if (pr->o.eflag) {
		print_ether_type(pr, type);
		if (!printed_length)
			out_fmt(pr->out, ", length %u: ", orig_length);
		else
			out_str(pr->out, ", ");
	}
	if (!print_ethertype(pr, type, p, length, caplen, src, dst)) {
		if (!pr->o.eflag) {
			print_ether_addresses(pr, src, dst);
			print_ether_type(pr, type);
			out_fmt(pr->out, ", length %u: ", orig_length);
		}
		if (!pr->o.suppress_default)
			print_default(pr, p, caplen);
	}
	return hdrlen;
}
