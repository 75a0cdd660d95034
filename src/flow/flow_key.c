/*
 * flow_key.c - a decoded packet's flow key, IP byte count and TCP flags,
 * with SiLK's conventions: ICMP/ICMPv6 type*256+code in the destination
 * port, port 0 for protocols without ports, bytes = IP header + payload as
 * the IP header claims (so a short snaplen does not shrink the counts).
 */
#include "flow.h"

#include <string.h>

static uint16_t outer_vlan(const np_packet *pkt)
{
	for (unsigned i = 0; i < pkt->nlayers; i++)
		if (pkt->layer[i].kind == NP_LAYER_VLAN)
			return pkt->layer[i].u.vlan.tci & 0x0fff;
	return 0;
}

static void key_ports(const np_layer *l4, np_flow_key *k, uint8_t *flags)
{
	switch (l4->kind) {
	case NP_LAYER_TCP:
		k->sport = l4->u.tcp.sport;
		k->dport = l4->u.tcp.dport;
		*flags = (uint8_t)l4->u.tcp.flags;
		break;
	case NP_LAYER_UDP:
		k->sport = l4->u.udp.sport;
		k->dport = l4->u.udp.dport;
		break;
	case NP_LAYER_ICMP:
	case NP_LAYER_ICMP6:
		if (l4->status != NP_TRUNCATED || l4->p + 2 <= l4->end)
			k->dport = (uint16_t)(l4->u.icmp.type << 8 | l4->u.icmp.code);
		break;
	default:
		break;
	}
}

bool np_flow_key_from_packet(const np_packet *pkt, np_flow_key *k, uint32_t *ip_bytes, uint8_t *tcp_flags)
{
	if (pkt->ip < 0)
		return false;
	const np_layer *ip = &pkt->layer[pkt->ip];
	memset(k, 0, sizeof(*k));
	*tcp_flags = 0;
	if (ip->kind == NP_LAYER_IP4) {
		if (!ip->u.ip4.src)
			return false;
		memcpy(k->src, ip->u.ip4.src, 4);
		memcpy(k->dst, ip->u.ip4.dst, 4);
		k->family = 4;
		k->proto = ip->u.ip4.proto;
		*ip_bytes = ip->u.ip4.total_len;
	} else {
		if (!ip->u.ip6.src)
			return false;
		memcpy(k->src, ip->u.ip6.src, 16);
		memcpy(k->dst, ip->u.ip6.dst, 16);
		k->family = 6;
		k->proto = ip->u.ip6.proto;
		*ip_bytes = 40u + (ip->u.ip6.jumbo ? ip->u.ip6.jumbo : ip->u.ip6.payload_len);
	}
	k->vlan = outer_vlan(pkt);
	if (pkt->l4 >= 0)
		key_ports(&pkt->layer[pkt->l4], k, tcp_flags);
	return true;
}

const char *np_tcp_flags_str(uint8_t flags, char *buf)
{
	static const char letters[] = "FSRPAUEC";
	int n = 0;
	for (int i = 0; i < 8; i++)
		if (flags & (1u << i))
			buf[n++] = letters[i];
	buf[n] = '\0';
	return buf;
}

const char *np_flow_end_name(uint8_t reason)
{
	switch (reason) {
	case NP_END_IDLE: return "idle";
	case NP_END_ACTIVE: return "active";
	case NP_END_FIN: return "fin";
	case NP_END_RST: return "rst";
	case NP_END_EOF: return "eof";
	case NP_END_EVICTED: return "evicted";
	default: return "unknown";
	}
}
