/*
 * snap.c - the SNAP header after LLC AA/AA UI (RFC 1042, IEEE 802 clause
 * 10) as tcpdump 4.99's snap_print writes it: with -e "oui Cisco
 * (0x00000c), pid CDP (0x2000), length N: ", without -e the header only
 * when no printer takes the payload. OUI 0 (and Cisco's 0x0000f8) carry
 * an ethertype; Cisco's own PIDs carry CDP, VTP, DTP, UDLD and PVST+; RFC
 * 2684's carry bridged Ethernet frames and BPDUs.
 *
 * Not for: Token Ring or FDDI frames bridged over RFC 2684; those print as
 * unknown SNAP payloads (tcpdump decodes them).
 */
#include "print.h"

#define SNAP_HDRLEN 5

enum {
	OUI_ENCAP_ETHER = 0x000000,
	OUI_CISCO = 0x00000c,
	OUI_CISCO_90 = 0x0000f8,
	OUI_RFC2684 = 0x0080c2,
	OUI_APPLETALK = 0x080007,
};

enum {
	PID_CISCO_CDP = 0x2000,
	PID_CISCO_VTP = 0x2003,
	PID_CISCO_DTP = 0x2004,
	PID_CISCO_UDLD = 0x0111,
	PID_CISCO_PVST = 0x010b,
	PID_CISCO_VLANBRIDGE = 0x010c,
	PID_RFC2684_ETH_FCS = 0x0001,
	PID_RFC2684_ETH_NOFCS = 0x0007,
	PID_RFC2684_BPDU = 0x000e
};

static const np_tok cisco_pid_names[] = {
	{PID_CISCO_CDP, "CDP"},
	{PID_CISCO_VTP, "VTP"},
	{PID_CISCO_DTP, "DTP"},
	{PID_CISCO_UDLD, "UDLD"},
	{PID_CISCO_PVST, "PVST"},
	{PID_CISCO_VLANBRIDGE, "VLAN Bridge"},
	{0, NULL},
};

static const np_tok bridged_pid_names[] = {
	{0x0001, "Ethernet + FCS"}, {0x0007, "Ethernet w/o FCS"}, {0x0002, "802.4 + FCS"},
	{0x0008, "802.4 w/o FCS"},  {0x0003, "Token Ring + FCS"}, {0x0009, "Token Ring w/o FCS"},
	{0x0004, "FDDI + FCS"},     {0x000a, "FDDI w/o FCS"},     {0x0005, "802.6 + FCS"},
	{0x000b, "802.6 w/o FCS"},  {PID_RFC2684_BPDU, "BPDU"},   {0, NULL},
};

/* The PID's name as tcpdump's oui_to_struct_tok finds it. */
static const char *snap_pid_name(uint32_t oui, uint16_t pid)
{
	const char *s = NULL;
	if (oui == OUI_ENCAP_ETHER || oui == OUI_CISCO_90 || oui == OUI_APPLETALK)
		s = ethertype_name(pid);
	else if (oui == OUI_CISCO)
		s = tok_name(cisco_pid_names, pid);
	else if (oui == OUI_RFC2684)
		s = tok_name(bridged_pid_names, pid);
	return s ? s : "Unknown";
}

/* The payload to its printer; false when none took it. */
static bool print_snap_payload(np_printer *pr, uint32_t oui, uint16_t pid, const uint8_t *p, uint32_t length,
			       uint32_t caplen, const uint8_t *src, const uint8_t *dst, uint32_t bridge_pad)
{
	switch (oui) {
	case OUI_ENCAP_ETHER:
	case OUI_CISCO_90: return print_ethertype(pr, pid, p, length, caplen, src, dst);
	case OUI_APPLETALK: return pid == 0x809b && print_ethertype(pr, pid, p, length, caplen, src, dst);
	case OUI_CISCO:
		if (pid == PID_CISCO_CDP) {
			print_cdp(pr, p, length);
			return true;
		}
		if (pid == PID_CISCO_VTP) {
			print_vtp(pr, p, length);
			return true;
		}
		if (pid == PID_CISCO_DTP) {
			print_dtp(pr, p, length);
			return true;
		}
		if (pid == PID_CISCO_UDLD) {
			print_udld(pr, p, length);
			return true;
		}
		if (pid == PID_CISCO_PVST || pid == PID_CISCO_VLANBRIDGE) {
			print_stp(pr, p, length);
			return true;
		}
		return false;
	case OUI_RFC2684:
		if (pid == PID_RFC2684_ETH_FCS || pid == PID_RFC2684_ETH_NOFCS) {
			/* a bridged frame, after bridge_pad bytes of padding */
			if (!np_has(p, pr->snapend, bridge_pad) || caplen < bridge_pad || length < bridge_pad)
				print_trunc(pr);
			else
				print_ether(pr, p + bridge_pad, length - bridge_pad, caplen - bridge_pad);
			return true;
		}
		if (pid == PID_RFC2684_BPDU) {
			print_stp(pr, p, length);
			return true;
		}
		return false;
	default: return false;
	}
}

int print_snap(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen, const uint8_t *src,
	       const uint8_t *dst, uint32_t bridge_pad)
{
	np_out *o = pr->out;
	pr->protocol = "snap";
	if (!np_has(p, pr->snapend, SNAP_HDRLEN) || caplen < SNAP_HDRLEN || length < SNAP_HDRLEN) {
		print_trunc(pr);
		return 1;
	}
	uint32_t oui = (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
	uint16_t pid = (uint16_t)(p[3] << 8 | p[4]);
	if (pr->o.eflag)
		out_fmt(o, "oui %s (0x%06x), %s %s (0x%04x), length %u: ", tok2str(oui_names, "Unknown", oui), oui,
			oui == OUI_ENCAP_ETHER ? "ethertype" : "pid", snap_pid_name(oui, pid), pid,
			length - SNAP_HDRLEN);
	p += SNAP_HDRLEN;
	length -= SNAP_HDRLEN;
	caplen -= SNAP_HDRLEN;
	if (print_snap_payload(pr, oui, pid, p, length, caplen, src, dst, bridge_pad))
		return 1;
	if (pr->o.eflag)
		return 0;
	if (src != NULL && dst != NULL) {
		out_mac(o, src);
		out_str(o, " > ");
		out_mac(o, dst);
		out_char(o, ' ');
	}
	if (oui == OUI_ENCAP_ETHER)
		out_fmt(o, "SNAP, ethertype %s (0x%04x), length %u: ", snap_pid_name(oui, pid), pid, length);
	else
		out_fmt(o, "SNAP, oui %s (0x%06x), pid %s (0x%04x), length %u: ", tok2str(oui_names, "Unknown", oui),
			oui, snap_pid_name(oui, pid), pid, length);
	return 0;
}
