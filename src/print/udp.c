/*
 * udp.c - UDP text as tcpdump 4.99's udp_print writes it: the endpoints,
 * the length checks ("truncated-udp", "truncated-udplength", "bad length"),
 * the checksum note with -v (-vv for IPv4), the hand-off to payload
 * printers by port, and "UDP, length N" for the rest (and always with -q).
 *
 * Not for: the payload protocols themselves (their own files).
 */
#include "print.h"

#include "cksum.h"

#define UDP_HDRLEN 8

enum {
	PORT_DOMAIN = 53,
	PORT_BOOTPS = 67,
	PORT_BOOTPC = 68,
	PORT_NTP = 123,
	PORT_SNMP = 161,
	PORT_SNMPTRAP = 162,
	PORT_DHCP6_SERV = 547,
	PORT_RIPNG = 521,
	PORT_DHCP6_CLI = 546,
	PORT_MDNS = 5353,
	PORT_HSRP = 1985,
	PORT_TFTP = 69,
	PORT_SYSLOG = 514,
	PORT_RIP = 520,
	PORT_TIMED = 525,
};

/* The protocol in the IP header itself (IPv6: the first next header). */
static uint8_t ip_header_proto(const uint8_t *iph)
{
	return (iph[0] >> 4) == 6 ? iph[6] : iph[9];
}

/* tcpdump's udpipaddr_print: "a.p > b.q: " when UDP follows the IP header
 * directly, only "p > q: " after extension headers; without ports (header
 * cut short) "a > b: " or nothing. */
static void print_udp_endpoints(np_printer *pr, const uint8_t *iph, bool have_ports, uint16_t sport, uint16_t dport)
{
	np_out *o = pr->out;
	bool v6 = (iph[0] >> 4) == 6;
	if (ip_header_proto(iph) == 17) {
		if (have_ports) {
			print_ip_ports(pr, iph, sport, dport);
			return;
		}
		if (v6)
			out_ipv6(o, iph + 8);
		else
			out_ipv4(o, iph + 12);
		out_str(o, " > ");
		if (v6)
			out_ipv6(o, iph + 24);
		else
			out_ipv4(o, iph + 16);
		out_str(o, ": ");
	} else if (have_ports) {
		out_u32(o, sport);
		out_str(o, " > ");
		out_u32(o, dport);
		out_str(o, ": ");
	}
}

static void print_udp_cksum_note(np_printer *pr, uint16_t udp_sum, uint16_t sum)
{
	if (sum != 0) {
		out_str(pr->out, "[bad udp cksum 0x");
		out_hex(pr->out, udp_sum, 4);
		out_str(pr->out, " -> 0x");
		out_hex(pr->out, np_in_cksum_shouldbe(udp_sum, sum), 4);
		out_str(pr->out, "!] ");
	} else {
		out_str(pr->out, "[udp sum ok] ");
	}
}

/* The -v checksum note: IPv4 only from -vv on (a zero sum means none was
 * sent), IPv6 always (it is mandatory there). Only when all is captured. */
static void print_udp_cksum(np_printer *pr, const uint8_t *iph, const uint8_t *p, uint32_t length, uint16_t udp_sum)
{
	bool v6 = (iph[0] >> 4) == 6;
	if (!v6 && pr->o.vflag > 1) {
		if (udp_sum == 0)
			out_str(pr->out, "[no cksum] ");
		else if (np_has(p + UDP_HDRLEN, pr->snapend, length))
			print_udp_cksum_note(pr, udp_sum, print_l4_cksum(pr, iph, p, length + UDP_HDRLEN, 17));
	} else if (v6) {
		if (np_has(p + UDP_HDRLEN, pr->snapend, length))
			print_udp_cksum_note(pr, udp_sum, print_l4_cksum(pr, iph, p, length + UDP_HDRLEN, 17));
	}
}

static bool port_is(uint16_t sport, uint16_t dport, uint16_t port)
{
	return sport == port || dport == port;
}

/* The payload printer chosen by port, in tcpdump's order; false when none
 * took it (the caller prints "UDP, length N"). */
static bool print_udp_payload(np_printer *pr, const uint8_t *cp, uint32_t length, uint16_t sport, uint16_t dport,
			      const uint8_t *iph, int fragmented, uint8_t ttl_hl)
{
	if (port_is(sport, dport, PORT_DOMAIN)) {
		print_domain(pr, cp, length, false, false);
		return true;
	}
	if (port_is(sport, dport, PORT_MDNS)) {
		print_domain(pr, cp, length, false, true);
		return true;
	}
	if (port_is(sport, dport, PORT_TIMED)) {
		print_timed(pr, cp);
		return true;
	}
	if (port_is(sport, dport, PORT_TFTP)) {
		print_tftp(pr, cp, length);
		return true;
	}
	if (port_is(sport, dport, PORT_BOOTPC) || port_is(sport, dport, PORT_BOOTPS)) {
		print_bootp(pr, cp, length);
		return true;
	}
	if (port_is(sport, dport, PORT_RIP)) {
		print_rip(pr, cp, length);
		return true;
	}
	if (port_is(sport, dport, 654)) {
		print_aodv(pr, cp, length, (iph[0] >> 4) == 6);
		return true;
	}
	if (port_is(sport, dport, 500)) {
		print_isakmp(pr, cp, length, iph);
		return true;
	}
	if (port_is(sport, dport, 4500)) {
		print_isakmp_natt(pr, cp, length, iph, fragmented, ttl_hl);
		return true;
	}
	if (port_is(sport, dport, 7500) || port_is(sport, dport, 8500)) {
		print_isakmp(pr, cp, length, iph);
		return true;
	}
	if (port_is(sport, dport, PORT_SNMP) || port_is(sport, dport, PORT_SNMPTRAP)) {
		print_snmp(pr, cp, length);
		return true;
	}
	if (port_is(sport, dport, PORT_NTP)) {
		print_ntp(pr, cp, length);
		return true;
	}
	if (port_is(sport, dport, 88) || port_is(sport, dport, 750)) {
		print_krb(pr, cp);
		return true;
	}
	if (port_is(sport, dport, 1701)) {
		print_l2tp(pr, cp, length);
		return true;
	}
	/* ... and NetBIOS before vat */
	if (dport == 3456) {
		print_vat(pr, cp, length);
		return true;
	}
	if (port_is(sport, dport, PORT_RIPNG)) { /* after RX's ports in tcpdump */
		print_ripng(pr, cp, length);
		return true;
	}
	if (port_is(sport, dport, PORT_DHCP6_SERV) || port_is(sport, dport, PORT_DHCP6_CLI)) {
		print_dhcp6(pr, cp, length);
		return true;
	}
	/* ... and L2TP, RX, RIPng before AHCP */
	if (port_is(sport, dport, 5359)) {
		print_ahcp(pr, cp, length);
		return true;
	}
	/* ... and L2TP, RX, RIPng, AHCP before Babel */
	if (port_is(sport, dport, 6696) || port_is(sport, dport, 6697)) {
		print_babel(pr, cp, length);
		return true;
	}
	if (port_is(sport, dport, 8231)) {
		print_hncp(pr, cp, length);
		return true;
	}
	if (dport == 4567) {
		print_wb(pr, cp, length);
		return true;
	}
	if (port_is(sport, dport, 496)) {
		print_cisco_autorp(pr, cp, length);
		return true;
	}
	if (port_is(sport, dport, 1645) || port_is(sport, dport, 1812) || port_is(sport, dport, 1646) ||
	    port_is(sport, dport, 1813) || port_is(sport, dport, 1700) || port_is(sport, dport, 3799)) {
		print_radius(pr, cp, length);
		return true;
	}
	/* ... before HSRP */
	if (dport == PORT_HSRP) {
		print_hsrp(pr, cp, length);
		return true;
	}
	if (port_is(sport, dport, 921)) {
		print_lwres(pr, cp, length);
		return true;
	}
	if (port_is(sport, dport, 646)) {
		print_ldp(pr, cp, length);
		return true;
	}
	if (port_is(sport, dport, 698)) {
		print_olsr(pr, cp, length, (iph[0] >> 4) == 6);
		return true;
	}
	if (port_is(sport, dport, 3503)) {
		print_lspping(pr, cp, length);
		return true;
	}
	if (sport == 49152) {
		print_bcm_li(pr, cp, length);
		return true;
	}
	/* ... before BFD */
	if (print_bfd_port(dport)) {
		print_bfd(pr, cp, length, dport);
		return true;
	}
	if (port_is(sport, dport, 701)) {
		print_lmp(pr, cp, length);
		return true;
	}
	if (port_is(sport, dport, 1589)) {
		print_vqp(pr, cp, length);
		return true;
	}
	/* ... before sFlow */
	if (port_is(sport, dport, 6343)) {
		print_sflow(pr, cp, length);
		return true;
	}
	/* ... and LWAPP and SIP before syslog */
	if (port_is(sport, dport, PORT_SYSLOG)) {
		print_syslog(pr, cp, length);
		return true;
	}
	if (port_is(sport, dport, 8472)) {
		print_otv(pr, cp, length);
		return true;
	}
	if (port_is(sport, dport, 4789)) {
		print_vxlan(pr, cp, length);
		return true;
	}
	if (port_is(sport, dport, 6081)) {
		print_geneve(pr, cp, length);
		return true;
	}
	if (port_is(sport, dport, 4342)) {
		print_lisp(pr, cp, length);
		return true;
	}
	if (port_is(sport, dport, 4790)) {
		print_vxlan_gpe(pr, cp, length);
		return true;
	}
	/* ... and ZEP before MPLS */
	if (port_is(sport, dport, 6635)) {
		print_mpls(pr, cp, length);
		return true;
	}
	/* ... and LLAP before PTP */
	if (port_is(sport, dport, 319) || port_is(sport, dport, 320)) {
		print_ptp(pr, cp, length);
		return true;
	}
	if (port_is(sport, dport, 30490)) {
		print_someip(pr, cp, length);
		return true;
	}
	/* TODO: the other port printers of tcpdump's udp_print (RIP, RADIUS,
	 * VXLAN, ...), in its order. */
	return false;
}

/* -T TYPE (tcpdump prints no checksum note then). */
static void print_udp_forced(np_printer *pr, const uint8_t *cp, uint32_t length, const uint8_t *iph)
{
	switch (pr->o.packettype) {
	case NP_PT_DOMAIN: print_domain(pr, cp, length, false, false); break;
	case NP_PT_SNMP: print_snmp(pr, cp, length); break;
	case NP_PT_TFTP: print_tftp(pr, cp, length); break;
	case NP_PT_PGM:
	case NP_PT_PGM_ZMTP1: print_pgm(pr, cp, length, iph); break;
	case NP_PT_LMP: print_lmp(pr, cp, length); break;
	case NP_PT_VAT: print_vat(pr, cp, length); break;
	case NP_PT_WB: print_wb(pr, cp, length); break;
	case NP_PT_RTP: print_rtp(pr, cp, length); break;
	case NP_PT_RTCP: print_rtcp(pr, cp); break;
	default: break;
	}
}

void print_udp(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *iph, int fragmented, uint8_t ttl_hl)
{
	np_out *o = pr->out;
	pr->protocol = "udp";
	if (!np_has(p, pr->snapend, 4)) {
		print_udp_endpoints(pr, iph, false, 0, 0);
		print_trunc(pr);
		return;
	}
	const np_layer *l = print_layer_at(pr, NP_LAYER_UDP, p, length);
	const struct np_udp_info *u = &l->u.udp;
	uint16_t sport = u->sport, dport = u->dport;
	if (length < UDP_HDRLEN) {
		print_udp_endpoints(pr, iph, true, sport, dport);
		out_str(o, "truncated-udp ");
		out_u32(o, length);
		return;
	}
	if (!np_has(p + 4, pr->snapend, 2)) {
		print_udp_endpoints(pr, iph, true, sport, dport);
		print_trunc(pr);
		return;
	}
	uint32_t ulen = (uint32_t)(p[4] << 8 | p[5]);
	if (ulen == 0 && length > 65535)
		ulen = length; /* IPv6 jumbogram, RFC 2675 */
	if (ulen < UDP_HDRLEN) {
		print_udp_endpoints(pr, iph, true, sport, dport);
		out_str(o, "truncated-udplength ");
		out_u32(o, ulen);
		return;
	}
	ulen -= UDP_HDRLEN;
	length -= UDP_HDRLEN;
	if (ulen < length)
		length = ulen;
	const uint8_t *cp = p + UDP_HDRLEN;
	if (cp > pr->snapend) {
		print_udp_endpoints(pr, iph, true, sport, dport);
		print_trunc(pr);
		return;
	}
	print_udp_endpoints(pr, iph, true, sport, dport);
	if (pr->o.packettype) { /* -T: the payload is this, whatever the ports */
		print_udp_forced(pr, cp, length, iph);
		return;
	}
	if (!pr->o.qflag && print_nfs(pr, cp, length, sport, dport, iph, ""))
		return;
	if (pr->o.vflag && !fragmented) /* the 8 bytes are captured: cp <= snapend */
		print_udp_cksum(pr, iph, p, length, u->cksum);
	if (!pr->o.qflag && print_udp_payload(pr, cp, length, sport, dport, iph, fragmented, ttl_hl))
		return;
	if (ulen > length && !fragmented) {
		out_str(o, "UDP, bad length ");
		out_u32(o, ulen);
		out_str(o, " > ");
		out_u32(o, length);
	} else {
		out_str(o, "UDP, length ");
		out_u32(o, ulen);
	}
}
