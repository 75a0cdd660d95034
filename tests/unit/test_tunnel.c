/*
 * test_tunnel.c - decode/tunnel.c: the packet each kind of tunnel carries.
 *
 * With NP_TUNNEL_PCAP set (tests/tunnels.sh), prints for every packet of
 * that capture its tunnels, outermost first, and the innermost packet's
 * addresses and ports, in tcpdump's notation ("10.0.0.1.40001 >
 * 10.0.0.2.53"), for the suite to compare with tcpdump's own text.
 * Without it, checks a VXLAN-in-GRE packet built here, and every cut of it:
 * the inside is found only when whole, and a cut is never read past
 * (cut_copy, under ASan).
 */
#include <arpa/inet.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/decode/packet.h"
#include "../../src/decode/tunnel.h"
#include "check.h"

static void endpoint(const np_layer *ip, const np_layer *l4, bool src, char *buf, size_t len)
{
	char a[INET6_ADDRSTRLEN];
	if (ip->kind == NP_LAYER_IP4)
		inet_ntop(AF_INET, src ? ip->u.ip4.src : ip->u.ip4.dst, a, sizeof(a));
	else
		inet_ntop(AF_INET6, src ? ip->u.ip6.src : ip->u.ip6.dst, a, sizeof(a));
	uint16_t port = 0;
	if (l4 && l4->kind == NP_LAYER_TCP)
		port = src ? l4->u.tcp.sport : l4->u.tcp.dport;
	else if (l4 && l4->kind == NP_LAYER_UDP)
		port = src ? l4->u.udp.sport : l4->u.udp.dport;
	if (l4)
		snprintf(buf, len, "%s.%u", a, port);
	else
		snprintf(buf, len, "%s", a);
}

/* Walk the tunnels of one packet: their kinds and the innermost packet. */
static int walk(const np_packet *outer, char *kinds, size_t klen, char *tuple, size_t tlen)
{
	static np_packet levels[NP_TUNNEL_MAX_DEPTH];
	const np_packet *cur = outer;
	int depth = 0;
	kinds[0] = tuple[0] = '\0';
	np_tunnel t;
	while (depth < NP_TUNNEL_MAX_DEPTH && np_tunnel_inner(cur, &levels[depth], &t)) {
		size_t used = strlen(kinds);
		snprintf(kinds + used, klen - used, "%s%s", used ? "," : "", np_tunnel_name(t.kind));
		cur = &levels[depth++];
	}
	if (depth && cur->ip >= 0) {
		char s[80], d[80];
		const np_layer *l4 = cur->l4 >= 0 ? &cur->layer[cur->l4] : NULL;
		endpoint(&cur->layer[cur->ip], l4, true, s, sizeof(s));
		endpoint(&cur->layer[cur->ip], l4, false, d, sizeof(d));
		snprintf(tuple, tlen, "%s > %s", s, d);
	}
	return depth;
}

static int print_capture(const char *path)
{
	char err[PCAP_ERRBUF_SIZE];
	pcap_t *pc = pcap_open_offline(path, err);
	if (!pc) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	struct pcap_pkthdr *h;
	const u_char *data;
	static np_packet pkt;
	int n = 0;
	while (pcap_next_ex(pc, &h, &data) == 1) {
		char kinds[128], tuple[200];
		np_decode(&pkt, pcap_datalink(pc), data, h->caplen, h->len);
		walk(&pkt, kinds, sizeof(kinds), tuple, sizeof(tuple));
		printf("%d %s %s\n", ++n, kinds[0] ? kinds : "-", tuple[0] ? tuple : "-");
	}
	pcap_close(pc);
	return 0;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* Ethernet / IPv4 192.0.2.1 > 192.0.2.2 GRE / IPv4 198.51.100.5 > .6 UDP
 * 50004 > 4789 / VXLAN vni 42 / Ethernet / IPv4 10.3.0.1 > 10.3.0.2 UDP
 * 40014 > 53 with 4 bytes of data. Checksums are not checked here. */
static size_t put(uint8_t *b, size_t n, const uint8_t *src, size_t len)
{
	memcpy(b + n, src, len);
	return n + len;
}

static size_t build(uint8_t *b)
{
	static const uint8_t eth[14] = {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00};
	static const uint8_t ip1[20] = {0x45, 0, 0, 0, 0, 1, 0x40, 0, 64, 47, 0, 0, 192, 0, 2, 1, 192, 0, 2, 2};
	static const uint8_t gre[4] = {0, 0, 0x08, 0x00};
	static const uint8_t ip2[20] = {0x45, 0, 0, 0, 0, 2, 0x40, 0, 64, 17, 0, 0, 198, 51, 100, 5, 198, 51, 100, 6};
	static const uint8_t udp1[8] = {50004 >> 8, 50004 & 255, 4789 >> 8, 4789 & 255, 0, 0, 0, 0};
	static const uint8_t vxlan[8] = {0x08, 0, 0, 0, 0, 0, 42, 0};
	static const uint8_t ip3[20] = {0x45, 0, 0, 0, 0, 3, 0x40, 0, 64, 17, 0, 0, 10, 3, 0, 1, 10, 3, 0, 2};
	static const uint8_t udp2[12] = {40014 >> 8, 40014 & 255, 0, 53, 0, 0, 0, 0, 'a', 'b', 'c', 'd'};
	size_t n = put(b, 0, eth, 14), outer_ip = n;
	n = put(b, put(b, n, ip1, 20), gre, 4);
	size_t mid_ip = n;
	n = put(b, n, ip2, 20);
	size_t u1 = n;
	n = put(b, put(b, put(b, n, udp1, 8), vxlan, 8), eth, 14);
	size_t in_ip = n;
	n = put(b, n, ip3, 20);
	size_t u2 = n;
	n = put(b, n, udp2, 12);
	put16(b + outer_ip + 2, (uint16_t)(n - outer_ip));
	put16(b + mid_ip + 2, (uint16_t)(n - mid_ip));
	put16(b + u1 + 4, (uint16_t)(n - u1));
	put16(b + in_ip + 2, (uint16_t)(n - in_ip));
	put16(b + u2 + 4, (uint16_t)(n - u2));
	return n;
}

int main(void)
{
	const char *path = getenv("NP_TUNNEL_PCAP");
	if (path)
		return print_capture(path);
	uint8_t frame[256];
	size_t n = build(frame);
	static np_packet pkt;
	char kinds[128], tuple[200];
	np_decode(&pkt, NP_DLT_EN10MB, frame, (uint32_t)n, (uint32_t)n);
	CHECK(walk(&pkt, kinds, sizeof(kinds), tuple, sizeof(tuple)) == 2);
	CHECK(strcmp(kinds, "gre,vxlan") == 0);
	CHECK(strcmp(tuple, "10.3.0.1.40014 > 10.3.0.2.53") == 0);
	np_tunnel t;
	static np_packet inner;
	CHECK(np_tunnel_inner(&pkt, &inner, &t) && t.kind == NP_TUNNEL_GRE && t.family == 4 && t.src[3] == 1 &&
	      t.dst[3] == 2);
	/* Every cut: no read past it; the innermost UDP ports only once they are captured. */
	size_t in_udp = n - 12;
	for (size_t cut = 0; cut < n; cut++) {
		uint8_t *c = cut_copy(frame, cut);
		np_decode(&pkt, NP_DLT_EN10MB, c, (uint32_t)cut, (uint32_t)n);
		int depth = walk(&pkt, kinds, sizeof(kinds), tuple, sizeof(tuple));
		CHECK(depth <= 2);
		if (cut < in_udp + 4)
			CHECK(strcmp(tuple, "10.3.0.1.40014 > 10.3.0.2.53") != 0);
		free(c);
	}
	/* The VXLAN I flag cleared: no VXLAN inside (RFC 7348). */
	frame[14 + 20 + 4 + 20 + 8] = 0;
	np_decode(&pkt, NP_DLT_EN10MB, frame, (uint32_t)n, (uint32_t)n);
	CHECK(walk(&pkt, kinds, sizeof(kinds), tuple, sizeof(tuple)) == 1 && strcmp(kinds, "gre") == 0);
	return check_summary("tunnel");
}
