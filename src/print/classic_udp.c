/*
 * classic_udp.c - UDP in the classic style (classic.c) and the hand-off to
 * the two UDP payloads the seed article shows, DNS and BOOTP:
 *
 *   208.148.96.68.23079 > 10.0.0.5.6976:  udp 401
 *   10.0.0.5.3163 > 10.0.0.53.53: 1+ A? sshserver. (32)
 *   10.0.0.53.53 > 10.0.0.5.3163: 1 q: sshserver. 3/4/6 sshserver. CNAME ssh2server., ... (283)
 *   10.0.0.5.68 > 10.0.0.53.67:  xid:0x8d716e0f C:10.0.0.5 [|bootp]
 *
 * The address part ends in ": "; " udp N" and BOOTP's fields bring their own
 * leading space, DNS does not. Other UDP payloads print " udp N".
 *
 * DNS is in classic_dns.c, BOOTP in classic_bootp.c.
 *
 * Not for: the 4.99 text (udp.c, dns.c, bootp.c).
 */
#include "classic.h"

#define UDP_HDRLEN 8
#define BOOTPS_PORT 67
#define BOOTPC_PORT 68
#define DOMAIN_PORT 53

void classic_udp(np_printer *pr, const classic_ip *ip, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	if (!np_has(p, pr->snapend, UDP_HDRLEN)) {
		out_str(o, "[|udp]");
		return;
	}
	if (length < UDP_HDRLEN) {
		out_fmt(o, " truncated-udp %u", length);
		return;
	}
	const np_layer *l = print_layer_at(pr, NP_LAYER_UDP, p, length);
	const struct np_udp_info *u = &l->u.udp;
	length -= UDP_HDRLEN;
	classic_ports(pr, ip, u->sport, u->dport);
	const uint8_t *cp = p + UDP_HDRLEN;
	if (!pr->o.qflag) {
		if (u->sport == DOMAIN_PORT || u->dport == DOMAIN_PORT) {
			classic_dns(pr, cp, length);
			return;
		}
		if (u->sport == BOOTPC_PORT || u->dport == BOOTPC_PORT || u->sport == BOOTPS_PORT ||
		    u->dport == BOOTPS_PORT) {
			classic_bootp(pr, cp, length, u->sport, u->dport);
			return;
		}
	}
	out_str(o, " udp ");
	out_u32(o, (uint32_t)u->ulen - UDP_HDRLEN);
}
