/*
 * sll.c - Linux cooked capture link headers, SLL (v1) and SLL2, as
 * tcpdump 4.99 prints them: with -e the packet type ("In", "Out", ...),
 * the link address when it is a MAC, the ethertype and the frame length;
 * SLL2 always starts with the interface name and packet type. 802.1Q tags
 * inside are walked; unknown protocols get the header summary and a dump.
 *
 * 802.2 payloads (protocol 4) go to llc.c.
 *
 * Not for: radiotap (ARPHRD 803) and IPX payloads, which tcpdump decodes
 * further and we only dump for now.
 */
#include "print.h"

#include <net/if.h>

#define SLL_HDR_LEN 16
#define SLL2_HDR_LEN 20
#define MAC_ADDR_LEN 6
#define MAX_ETHERNET_LENGTH_VAL 1500
#define ETHERTYPE_8021Q 0x8100
#define LINUX_SLL_P_802_3 0x0001 /* Novell 802.3 without an 802.2 header */
#define LINUX_SLL_P_802_2 0x0004 /* 802.2 LLC */
#define ARPHRD_IEEE80211_RADIOTAP 803

static const np_tok sll_pkttype_values[] = {
	{0, "In"}, {1, "B"}, {2, "M"}, {3, "P"}, {4, "Out"}, {0, NULL},
};

/* Pad s on the left (right when left is false) to width columns. */
static void print_padded(np_printer *pr, const char *s, size_t width, bool left)
{
	size_t n = 0;
	while (s[n])
		n++;
	if (!left)
		out_str(pr->out, s);
	for (; n < width; n++)
		out_char(pr->out, ' ');
	if (left)
		out_str(pr->out, s);
}

/* "ethertype IPv4 (0x0800), length N: " and its non-ethertype forms. */
static void print_sll_protocol(np_printer *pr, uint16_t type, uint32_t length)
{
	np_out *o = pr->out;
	if (pr->o.qflag)
		return;
	if (type == LINUX_SLL_P_802_3) {
		out_str(o, "802.3");
	} else if (type == LINUX_SLL_P_802_2) {
		out_str(o, "802.2");
	} else {
		const char *name = type > MAX_ETHERNET_LENGTH_VAL ? ethertype_name(type) : NULL;
		out_str(o, "ethertype ");
		out_str(o, name ? name : "Unknown");
		out_str(o, " (0x");
		out_hex(o, type, 4);
		out_char(o, ')');
	}
	out_str(o, ", length ");
	out_u32(o, length);
	out_str(o, ": ");
}

/* The -e summary of an SLL header (tcpdump's sll_print). */
static void print_sll_header(np_printer *pr, const struct np_sll_info *s, uint32_t length)
{
	pr->protocol = "sll";
	print_padded(pr, tok2str(sll_pkttype_values, "?", s->pkttype), 3, true);
	out_char(pr->out, ' ');
	if (s->halen == MAC_ADDR_LEN) {
		out_mac(pr->out, s->addr);
		out_char(pr->out, ' ');
	}
	print_sll_protocol(pr, s->protocol, length);
}

/* The -e summary of an SLL2 header (tcpdump's sll2_print). */
static void print_sll2_header(np_printer *pr, const struct np_sll_info *s, uint32_t length)
{
	pr->protocol = "sll2";
	out_str(pr->out, "ifindex ");
	out_u32(pr->out, s->ifindex);
	out_char(pr->out, ' ');
	if (s->halen == MAC_ADDR_LEN) {
		out_mac(pr->out, s->addr);
		out_char(pr->out, ' ');
	}
	print_sll_protocol(pr, s->protocol, length);
}

typedef void (*sll_header_printer)(np_printer *, const struct np_sll_info *, uint32_t);

/*
 * What follows either header: the protocol field names an ethertype, a
 * VLAN tag to walk, or a non-Ethernet payload. Returns the link header
 * length (including VLAN tags).
 */
static uint32_t print_sll_payload(np_printer *pr, const struct np_sll_info *s, sll_header_printer header,
				  const uint8_t *p, uint32_t length, uint32_t caplen, uint32_t hdrlen)
{
	const uint32_t base_len = hdrlen;
	uint16_t type = s->protocol;
	if (s->hatype == ARPHRD_IEEE80211_RADIOTAP) {
		/* TODO: 802.11 radiotap (tcpdump's ieee802_11_radio_print). */
		if (!pr->o.suppress_default)
			print_default(pr, p, caplen);
		return hdrlen;
	}
	for (;;) {
		if (type <= MAX_ETHERNET_LENGTH_VAL) {
			/* TODO: IPX (0x0001). 802.2 goes to llc.c without link
			 * addresses; a payload it cannot name is dumped raw. */
			if (type == LINUX_SLL_P_802_2) {
				int llc_hdrlen = print_llc(pr, p, length, caplen, NULL, NULL);
				if (llc_hdrlen >= 0)
					return hdrlen + (uint32_t)llc_hdrlen;
			}
			if (!pr->o.suppress_default && !pr->stopped)
				print_default(pr, p, caplen);
			return hdrlen;
		}
		if (type != ETHERTYPE_8021Q)
			break;
		if (caplen < 4) {
			pr->protocol = "vlan";
			print_trunc(pr);
			return hdrlen + caplen;
		}
		uint16_t tci = (uint16_t)(p[0] << 8 | p[1]);
		if (pr->o.eflag)
			print_vlan_tci(pr, tci);
		type = (uint16_t)(p[2] << 8 | p[3]);
		if (type <= MAX_ETHERNET_LENGTH_VAL)
			type = LINUX_SLL_P_802_2;
		if (!pr->o.qflag) {
			const char *name = ethertype_name(type);
			out_str(pr->out, "ethertype ");
			out_str(pr->out, name ? name : "Unknown");
			out_str(pr->out, ", ");
		}
		p += 4;
		length -= 4;
		caplen -= 4;
		hdrlen += 4;
	}
	if (!print_ethertype(pr, type, p, length, caplen, NULL, NULL)) {
		if (!pr->o.eflag)
			header(pr, s, length + base_len);
		if (!pr->o.suppress_default)
			print_default(pr, p, caplen);
	}
	return hdrlen;
}

uint32_t print_sll(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	pr->protocol = "sll";
	if (!np_has(p, pr->snapend, SLL_HDR_LEN)) {
		print_trunc_stop(pr);
		return 0;
	}
	const np_layer *l = print_layer_at(pr, NP_LAYER_SLL, p, length);
	if (pr->o.eflag)
		print_sll_header(pr, &l->u.sll, length);
	return print_sll_payload(pr, &l->u.sll, print_sll_header, p + SLL_HDR_LEN, length - SLL_HDR_LEN,
				 caplen - SLL_HDR_LEN, SLL_HDR_LEN);
}

uint32_t print_sll2(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	pr->protocol = "sll2";
	if (!np_has(p, pr->snapend, SLL2_HDR_LEN)) {
		print_trunc_stop(pr);
		return 0;
	}
	const np_layer *l = print_layer_at(pr, NP_LAYER_SLL2, p, length);
	const struct np_sll_info *s = &l->u.sll;
	char ifname[IF_NAMESIZE];
	if (!if_indextoname(s->ifindex, ifname)) {
		ifname[0] = '?';
		ifname[1] = '\0';
	}
	print_padded(pr, ifname, 5, false);
	out_char(pr->out, ' ');
	print_padded(pr, tok2str(sll_pkttype_values, "?", s->pkttype), 3, false);
	out_char(pr->out, ' ');
	if (pr->o.eflag)
		print_sll2_header(pr, s, length);
	return print_sll_payload(pr, s, print_sll2_header, p + SLL2_HDR_LEN, length - SLL2_HDR_LEN,
				 caplen - SLL2_HDR_LEN, SLL2_HDR_LEN);
}
