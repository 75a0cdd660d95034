/*
 * anomalies.c - the named checks of `netprofile anomalies` (see anomalies.h
 * and README's "anomalies" section for what each means and its reference).
 *
 * Per packet, the checks run from the most specific to the most general
 * and the first that fits is the packet's finding. Three tables keep what
 * the checks about several packets need, each of fixed size (the oldest
 * entry goes when one is full), so memory does not grow with the capture:
 *   fragments  FRAG_SLOTS datagrams, FRAG_PIECES pieces each, a copy of at
 *              most FRAG_COPY bytes per piece (overlaps are compared there)
 *   ARP        ARP_SLOTS IPv4 addresses with the MAC that last claimed each
 *   scan       SCAN_SLOTS sources with up to SCAN_KEEP targets each
 * Checksums: the IPv4 header checksum is checked only where offload cannot
 * explain a wrong one (see ip_checksum_trusted).
 *
 * Not for: output (the callback gets each finding), or reassembly.
 */
#include "anomalies.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../decode/dns.h"
#include "../print/cksum.h" /* the one Internet checksum, shared with the printer */
#include "../util/bytes.h"

#define FRAG_SLOTS 64
#define FRAG_PIECES 24
#define FRAG_COPY 1600
#define ARP_SLOTS 1024
#define SCAN_SLOTS 1024
#define SCAN_KEEP 64
#define OFFLOAD_MACS 8

#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_PSH 0x08
#define TH_ACK 0x10
#define TH_URG 0x20

static const char *const check_names[NP_CHECK_COUNT] = {
	"land",           "tcp-syn-fin",     "tcp-syn-rst",   "tcp-xmas",          "tcp-null",
	"tcp-fin-no-ack", "port-zero",       "fragment-tiny", "fragment-oversize", "ip-source-route",
	"bogon-source",   "ip-bad-checksum", "malformed",     "fragment-overlap",  "arp-conflict",
	"scan",
};

struct frag_piece {
	uint32_t off, len; /* in the datagram's payload, as the header claims */
	uint32_t copied;   /* bytes of it kept in data (captured, at most FRAG_COPY) */
	uint8_t *data;
};

struct frag_slot {
	bool used;
	uint8_t alen, proto;
	uint8_t src[16], dst[16];
	uint32_t id;
	int64_t last;
	uint8_t npieces;
	bool reported;
	struct frag_piece piece[FRAG_PIECES];
};

struct arp_slot {
	bool used;
	uint8_t ip[4], mac[6];
	int64_t last;
};

struct scan_target {
	uint8_t addr[16];
	uint16_t port;
	uint8_t state; /* 1 probed, 2 answered with SYN+ACK, 3 completed by the prober's ACK */
};

struct scan_slot {
	bool used, reported;
	uint8_t alen;
	uint8_t src[16];
	int64_t first, last;
	uint16_t ntargets;
	struct scan_target t[SCAN_KEEP];
};

struct np_anomalies {
	np_finding_fn fn;
	void *ctx;
	uint64_t count[NP_CHECK_COUNT];
	const np_packet *pkt; /* the packet being checked, and its number */
	uint64_t number;
	struct frag_slot frag[FRAG_SLOTS];
	struct arp_slot arp[ARP_SLOTS];
	struct scan_slot *scan; /* scan_slots (SCAN_SLOTS unless sized smaller) */
	unsigned scan_slots;
	uint8_t offload_mac[OFFLOAD_MACS][6];
	unsigned noffload;
};

const char *np_anomaly_name(int check)
{
	return check >= 0 && check < NP_CHECK_COUNT ? check_names[check] : "?";
}

np_anomalies *np_anomalies_new(np_finding_fn fn, void *ctx)
{
	return np_anomalies_new_sized(fn, ctx, SCAN_SLOTS);
}

np_anomalies *np_anomalies_new_sized(np_finding_fn fn, void *ctx, unsigned scan_slots)
{
	np_anomalies *a = calloc(1, sizeof(*a));
	if (!a)
		return NULL;
	a->scan_slots = scan_slots ? scan_slots : 1;
	a->scan = calloc(a->scan_slots, sizeof(*a->scan));
	if (!a->scan) {
		free(a);
		return NULL;
	}
	a->fn = fn;
	a->ctx = ctx;
	return a;
}

static void frag_slot_clear(struct frag_slot *s)
{
	for (unsigned i = 0; i < s->npieces; i++)
		free(s->piece[i].data);
	memset(s, 0, sizeof(*s));
}

void np_anomalies_free(np_anomalies *a)
{
	if (!a)
		return;
	for (unsigned i = 0; i < FRAG_SLOTS; i++)
		frag_slot_clear(&a->frag[i]);
	free(a->scan);
	free(a);
}

uint64_t np_anomalies_count(const np_anomalies *a, int check)
{
	return check >= 0 && check < NP_CHECK_COUNT ? a->count[check] : 0;
}

static int64_t pkt_seconds(const np_packet *pkt)
{
	return pkt->ts_sec;
}

/* Report a finding on the current packet; addresses from its IP layer
 * unless the caller filled them (ARP). */
static void report(np_anomalies *a, int check, const char *src, const char *dst, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static void report(np_anomalies *a, int check, const char *src, const char *dst, const char *fmt, ...)
{
	np_finding f;
	memset(&f, 0, sizeof(f));
	f.check = (uint8_t)check;
	f.packet = a->number;
	f.ts_sec = a->pkt->ts_sec;
	f.ts_frac = a->pkt->ts_frac;
	if (src) {
		snprintf(f.src, sizeof(f.src), "%s", src);
		snprintf(f.dst, sizeof(f.dst), "%s", dst ? dst : "");
	} else if (!np_analyze_endpoints(a->pkt, f.src, f.dst, sizeof(f.src))) {
		f.src[0] = f.dst[0] = '\0';
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(f.detail, sizeof(f.detail), fmt, ap);
	va_end(ap);
	a->count[check]++;
	if (a->fn)
		a->fn(a->ctx, &f);
}

static const np_layer *ip_layer(const np_packet *pkt)
{
	return pkt->ip >= 0 ? &pkt->layer[pkt->ip] : NULL;
}

static const np_layer *l4_layer(const np_packet *pkt, uint8_t kind)
{
	if (pkt->l4 < 0 || pkt->layer[pkt->l4].kind != kind || pkt->layer[pkt->l4].status == NP_INVALID)
		return NULL;
	return &pkt->layer[pkt->l4];
}

/* ---- TCP flags, ports, land --------------------------------------------------------- */

static bool check_land(np_anomalies *a)
{
	const uint8_t *s, *d;
	int alen;
	uint8_t proto;
	uint16_t sp, dp;
	if (!np_analyze_ip_addrs(a->pkt, &s, &d, &alen) || !np_analyze_ports(a->pkt, &proto, &sp, &dp))
		return false;
	if (memcmp(s, d, (size_t)alen) != 0 || sp != dp)
		return false;
	report(a, NP_CHECK_LAND, NULL, NULL, "%s source address and port equal the destination's",
	       proto == 6 ? "TCP" : "UDP");
	return true;
}

static bool check_tcp_flags(np_anomalies *a)
{
	const np_layer *t = l4_layer(a->pkt, NP_LAYER_TCP);
	if (!t || !np_has(t->p, t->end, 14))
		return false;
	unsigned f = t->u.tcp.flags & 0x3f;
	if ((f & (TH_SYN | TH_FIN)) == (TH_SYN | TH_FIN)) {
		report(a, NP_CHECK_TCP_SYN_FIN, NULL, NULL, "SYN and FIN together (flags 0x%02x)", f);
		return true;
	}
	if ((f & (TH_SYN | TH_RST)) == (TH_SYN | TH_RST)) {
		report(a, NP_CHECK_TCP_SYN_RST, NULL, NULL, "SYN and RST together (flags 0x%02x)", f);
		return true;
	}
	if ((f & (TH_FIN | TH_PSH | TH_URG)) == (TH_FIN | TH_PSH | TH_URG) && !(f & TH_ACK)) {
		report(a, NP_CHECK_TCP_XMAS, NULL, NULL, "FIN, PSH and URG without ACK (flags 0x%02x)", f);
		return true;
	}
	if (f == 0) {
		report(a, NP_CHECK_TCP_NULL, NULL, NULL, "no TCP flags at all");
		return true;
	}
	if ((f & TH_FIN) && !(f & TH_ACK)) {
		report(a, NP_CHECK_TCP_FIN_NO_ACK, NULL, NULL, "FIN without ACK (flags 0x%02x)", f);
		return true;
	}
	return false;
}

static bool check_port_zero(np_anomalies *a)
{
	uint8_t proto;
	uint16_t sp, dp;
	if (!np_analyze_ports(a->pkt, &proto, &sp, &dp) || (sp != 0 && dp != 0))
		return false;
	report(a, NP_CHECK_PORT_ZERO, NULL, NULL, "%s %s port 0", proto == 6 ? "TCP" : "UDP",
	       sp == 0 && dp == 0 ? "source and destination"
	       : sp == 0          ? "source"
				  : "destination");
	return true;
}

/* ---- fragments ------------------------------------------------------------------------ */

/* One fragment's place: offset and length in the datagram's payload, its
 * captured bytes, and whether more follow. False for a packet that is no
 * fragment. */
struct frag_view {
	uint32_t off, len;
	bool more;
	uint32_t id;
	uint8_t proto;
	const uint8_t *data, *end;
	uint32_t hdr; /* bytes of IP header before the fragmentable part */
};

static bool fragment_of(const np_layer *l, struct frag_view *v)
{
	if (l->kind == NP_LAYER_IP4) {
		const struct np_ip4_info *ip = &l->u.ip4;
		if ((ip->frag & 0x3fff) == 0 || l->hdrlen == 0)
			return false;
		v->off = (uint32_t)(ip->frag & 0x1fff) * 8;
		v->more = ip->frag & 0x2000;
		v->id = ip->id;
		v->proto = ip->proto;
		v->hdr = l->hdrlen;
		v->len = l->len > l->hdrlen ? l->len - l->hdrlen : 0;
		v->data = l->p + l->hdrlen;
		v->end = l->end;
		return true;
	}
	const struct np_ip6_info *ip = &l->u.ip6;
	if (!ip->fragment)
		return false;
	const uint8_t *fh = NULL;
	for (unsigned i = 0; i < ip->next_ext; i++)
		if (ip->ext[i].type == 44)
			fh = ip->ext[i].p;
	if (!fh)
		return false;
	v->off = ip->frag_off;
	v->more = ip->frag_more;
	v->id = ip->frag_id;
	v->proto = ip->proto;
	v->hdr = (uint32_t)(fh + 8 - l->p);
	v->len = l->len > v->hdr ? l->len - v->hdr : 0;
	v->data = fh + 8;
	v->end = l->end;
	return true;
}

static bool check_fragment_tiny(np_anomalies *a, const struct frag_view *v)
{
	if (v->off != 0 || !v->more)
		return false;
	uint32_t need = v->proto == 6 ? 20 : v->proto == 17 ? 8 : 0;
	if (need == 0 || v->len >= need)
		return false;
	report(a, NP_CHECK_FRAGMENT_TINY, NULL, NULL,
	       "first fragment holds %u bytes, less than the %u of the %s header", v->len, need,
	       v->proto == 6 ? "TCP" : "UDP");
	return true;
}

static bool check_fragment_oversize(np_anomalies *a, const np_layer *l, const struct frag_view *v)
{
	uint64_t total = (uint64_t)v->off + v->len + (l->kind == NP_LAYER_IP4 ? v->hdr : 0);
	if (total <= 65535 || (l->kind == NP_LAYER_IP6 && l->u.ip6.jumbo))
		return false;
	report(a, NP_CHECK_FRAGMENT_OVERSIZE, NULL, NULL,
	       "fragment at offset %u with %u bytes makes the datagram %llu bytes, over 65535", v->off, v->len,
	       (unsigned long long)total);
	return true;
}

static struct frag_slot *frag_find(np_anomalies *a, const np_layer *l, const struct frag_view *v)
{
	const uint8_t *s, *d;
	int alen;
	if (!np_analyze_ip_addrs(a->pkt, &s, &d, &alen))
		return NULL;
	(void)l;
	int64_t now = pkt_seconds(a->pkt);
	struct frag_slot *oldest = &a->frag[0];
	for (unsigned i = 0; i < FRAG_SLOTS; i++) {
		struct frag_slot *f = &a->frag[i];
		if (f->used && (now - f->last > NP_FRAG_TIMEOUT_S || f->last - now > NP_FRAG_TIMEOUT_S))
			frag_slot_clear(f);
		if (f->used && f->alen == alen && f->id == v->id && f->proto == v->proto &&
		    !memcmp(f->src, s, (size_t)alen) && !memcmp(f->dst, d, (size_t)alen))
			return f;
		if (!f->used || (oldest->used && f->last < oldest->last))
			oldest = f;
	}
	frag_slot_clear(oldest);
	oldest->used = true;
	oldest->alen = (uint8_t)alen;
	oldest->proto = v->proto;
	oldest->id = v->id;
	memcpy(oldest->src, s, (size_t)alen);
	memcpy(oldest->dst, d, (size_t)alen);
	return oldest;
}

/* Bytes [from, to) of the datagram where both pieces hold them: the first
 * that differs, or -1 when all the bytes both kept agree. */
static long first_difference(const struct frag_piece *p, const struct frag_view *v, uint32_t from, uint32_t to)
{
	for (uint32_t x = from; x < to; x++) {
		if (x - p->off >= p->copied || !np_has(v->data + (x - v->off), v->end, 1))
			break;
		if (p->data[x - p->off] != v->data[x - v->off])
			return (long)x;
	}
	return -1;
}

static void check_fragment_overlap(np_anomalies *a, const np_layer *l, const struct frag_view *v)
{
	struct frag_slot *f = frag_find(a, l, v);
	if (!f)
		return;
	f->last = pkt_seconds(a->pkt);
	for (unsigned i = 0; i < f->npieces && !f->reported; i++) {
		const struct frag_piece *p = &f->piece[i];
		uint32_t from = p->off > v->off ? p->off : v->off;
		uint32_t to = p->off + p->len < v->off + v->len ? p->off + p->len : v->off + v->len;
		if (from >= to)
			continue;
		long at = first_difference(p, v, from, to);
		if (at < 0)
			continue; /* the same bytes again: a retransmission, not an anomaly */
		f->reported = true;
		report(a, NP_CHECK_FRAGMENT_OVERLAP, NULL, NULL,
		       "fragment %u-%u of id 0x%x overlaps %u-%u with different data (from byte %ld)", v->off,
		       v->off + v->len, v->id, p->off, p->off + p->len, at);
	}
	if (f->npieces >= FRAG_PIECES)
		return;
	struct frag_piece *p = &f->piece[f->npieces];
	uint32_t captured = v->end > v->data ? (uint32_t)(v->end - v->data) : 0;
	p->off = v->off;
	p->len = v->len;
	p->copied = captured < v->len ? captured : v->len;
	if (p->copied > FRAG_COPY)
		p->copied = FRAG_COPY;
	p->data = p->copied ? malloc(p->copied) : NULL;
	if (p->copied && !p->data)
		return;
	if (p->copied)
		memcpy(p->data, v->data, p->copied);
	f->npieces++;
}

/* ---- IPv4 options, bogons, checksum ----------------------------------------------- */

static bool check_source_route(np_anomalies *a, const np_layer *l)
{
	if (l->kind == NP_LAYER_IP6) {
		for (unsigned i = 0; i < l->u.ip6.next_ext; i++) {
			uint8_t rtype;
			if (l->u.ip6.ext[i].type == 43 && np_get_u8(l->u.ip6.ext[i].p + 2, l->end, &rtype) &&
			    rtype == 0) {
				report(a, NP_CHECK_IP_SOURCE_ROUTE, NULL, NULL, "IPv6 type 0 routing header");
				return true;
			}
		}
		return false;
	}
	const uint8_t *opt = l->p + 20, *end = l->p + l->hdrlen;
	if (l->hdrlen <= 20 || !np_has(l->p, l->end, l->hdrlen))
		return false;
	while (opt < end) {
		uint8_t code, len = 1;
		if (!np_get_u8(opt, end, &code) || code == 0)
			return false;
		if (code != 1 && (!np_get_u8(opt + 1, end, &len) || len < 2))
			return false;
		if (code == 131 || code == 137) {
			report(a, NP_CHECK_IP_SOURCE_ROUTE, NULL, NULL, "%s option (%s source route)",
			       code == 131 ? "LSRR" : "SSRR", code == 131 ? "loose" : "strict");
			return true;
		}
		opt += len;
	}
	return false;
}

/* Why an IPv4 source is a bogon, or NULL. Normal uses of 0.0.0.0 (DHCP
 * client, IGMP report) and loopback talking to loopback are not. */
static const char *bogon4(const np_packet *pkt, const uint8_t *s, const uint8_t *d)
{
	if (s[0] == 0) {
		if (s[1] == 0 && s[2] == 0 && s[3] == 0) {
			uint8_t proto;
			uint16_t sp, dp;
			if (np_analyze_ports(pkt, &proto, &sp, &dp) && proto == 17 && sp == 68 && dp == 67)
				return NULL; /* DHCP DISCOVER/REQUEST before an address (RFC 2131) */
			if (pkt->layer[pkt->ip].u.ip4.proto == 2)
				return NULL; /* IGMP report before an address (RFC 3376 4.2.13) */
		}
		return "0.0.0.0/8 (this network)";
	}
	if (s[0] == 127)
		return d[0] == 127 ? NULL : "127.0.0.0/8 (loopback) seen off the loopback";
	if (s[0] == 255 && s[1] == 255 && s[2] == 255 && s[3] == 255)
		return "255.255.255.255 (limited broadcast)";
	if (s[0] >= 240)
		return "240.0.0.0/4 (reserved)";
	if (s[0] >= 224)
		return "224.0.0.0/4 (multicast)";
	return NULL;
}

static const char *bogon6(const np_packet *pkt, const uint8_t *s, const uint8_t *d)
{
	static const uint8_t zero[16], loop[16] = {[15] = 1};
	if (s[0] == 0xff)
		return "ff00::/8 (multicast)";
	if (!memcmp(s, loop, 16))
		return !memcmp(d, loop, 16) ? NULL : "::1 (loopback) seen off the loopback";
	if (memcmp(s, zero, 16))
		return NULL;
	const np_layer *ic = l4_layer(pkt, NP_LAYER_ICMP6);
	uint8_t type;
	if (ic && np_get_u8(ic->p, ic->end, &type) && (type == 133 || type == 135 || type == 131 || type == 143))
		return NULL; /* RS, DAD's NS, MLD reports before an address (RFC 4861, 4862, 3810) */
	return ":: (unspecified)";
}

static bool check_bogon(np_anomalies *a)
{
	const uint8_t *s, *d;
	int alen;
	if (!np_analyze_ip_addrs(a->pkt, &s, &d, &alen))
		return false;
	const char *why = alen == 4 ? bogon4(a->pkt, s, d) : bogon6(a->pkt, s, d);
	if (!why)
		return false;
	report(a, NP_CHECK_BOGON_SOURCE, NULL, NULL, "source in %s", why);
	return true;
}

static bool same_mac(const uint8_t *m, const uint8_t *n)
{
	return !memcmp(m, n, 6);
}

/*
 * Checksum offload: a host that hands checksumming to its NIC is captured
 * (on itself) with the field unfilled. Signs that a packet is such a send:
 * the field is zero; a Linux cooked capture marks it outgoing; or its
 * Ethernet source sent frames bigger than Ethernet allows or with IPv4
 * total length 0 (segmentation offload: the capture is on the sender,
 * before the NIC). Such packets are not judged.
 */
static bool ip_checksum_trusted(np_anomalies *a, const np_layer *ipl)
{
	const np_packet *pkt = a->pkt;
	if (ipl->u.ip4.cksum == 0)
		return false;
	const np_layer *link = pkt->nlayers > 0 ? &pkt->layer[0] : NULL;
	if (link && (link->kind == NP_LAYER_SLL || link->kind == NP_LAYER_SLL2) && link->u.sll.pkttype == 4)
		return false;
	if (!link || link->kind != NP_LAYER_ETH || !link->u.eth.src)
		return true;
	bool super = pkt->wirelen > 1522 || ipl->u.ip4.total_len == 0;
	for (unsigned i = 0; i < a->noffload; i++)
		if (same_mac(a->offload_mac[i], link->u.eth.src))
			return false;
	if (super && a->noffload < OFFLOAD_MACS) {
		memcpy(a->offload_mac[a->noffload++], link->u.eth.src, 6);
		return false;
	}
	return !super;
}

static bool check_ip_checksum(np_anomalies *a, const np_layer *l)
{
	if (l->kind != NP_LAYER_IP4 || l->hdrlen < 20 || !np_has(l->p, l->end, l->hdrlen))
		return false;
	bool trusted = ip_checksum_trusted(a, l);
	if (np_in_cksum(l->p, l->hdrlen, 0) == 0 || !trusted)
		return false;
	uint16_t good = np_in_cksum_shouldbe(l->u.ip4.cksum, np_in_cksum(l->p, l->hdrlen, 0));
	report(a, NP_CHECK_IP_BAD_CHECKSUM, NULL, NULL, "IPv4 header checksum 0x%04x, should be 0x%04x", l->u.ip4.cksum,
	       good);
	return true;
}

/* ---- malformed ------------------------------------------------------------------------ */

static const char *layer_name(uint8_t kind)
{
	static const char *const names[] = {"?",  "ethernet", "vlan", "sll", "sll2", "null",  "arp",
					    "ip", "ip6",      "tcp",  "udp", "icmp", "icmp6", "gre"};
	return kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "?";
}

/* A DNS message on UDP 53 or 5353 that cannot be right: a compression
 * pointer that does not point backwards (loops), a reserved label type,
 * or (when the whole frame was captured) records claimed past its end. */
static const char *dns_fault(const np_packet *pkt)
{
	uint8_t proto;
	uint16_t sp, dp;
	if (!np_analyze_ports(pkt, &proto, &sp, &dp) || proto != 17 ||
	    !(sp == 53 || dp == 53 || sp == 5353 || dp == 5353))
		return NULL;
	const np_layer *u = &pkt->layer[pkt->l4];
	if (u->status != NP_OK)
		return NULL;
	np_dns_msg m;
	if (np_dns_parse(&m, u->p + 8, u->end) != NP_OK)
		return NULL;
	np_dns_iter it;
	np_dns_rr rr;
	np_dns_iter_init(&it, &m);
	unsigned n = 0;
	int rc;
	while ((rc = np_dns_iter_next(&it, &rr)) == NP_DNS_OK && n++ < 512) {
		np_dns_walk w;
		if (np_dns_walk_start(&w, m.base, m.end, rr.name) != NP_DNS_OK)
			return "a name that cannot be read";
		int step;
		unsigned labels = 0;
		while ((step = np_dns_walk_next(&w)) == NP_DNS_LABEL || step == NP_DNS_BITLABEL)
			if (++labels > 255)
				break;
		if (step == NP_DNS_BAD_PTR)
			return "a compression pointer that does not point backwards (a loop)";
		if (step == NP_DNS_BAD_TYPE || step == NP_DNS_BAD_ELT)
			return "a reserved label type";
	}
	if (rc == NP_DNS_TRUNC && pkt->caplen >= pkt->wirelen)
		return "records claimed past the end of the message";
	return NULL;
}

static bool check_malformed(np_anomalies *a)
{
	const np_packet *pkt = a->pkt;
	bool whole = pkt->caplen >= pkt->wirelen;
	for (unsigned i = 0; i < pkt->nlayers; i++) {
		const np_layer *l = &pkt->layer[i];
		if (l->status == NP_INVALID) {
			report(a, NP_CHECK_MALFORMED, NULL, NULL, "%s: header fields that cannot be right",
			       layer_name(l->kind));
			return true;
		}
		if (l->status == NP_TRUNCATED && whole) {
			report(a, NP_CHECK_MALFORMED, NULL, NULL, "%s: header claims more than the whole frame holds",
			       layer_name(l->kind));
			return true;
		}
	}
	const np_layer *ip = ip_layer(pkt);
	if (ip && ip->kind == NP_LAYER_IP4 && ip->status == NP_OK && whole && ip->u.ip4.total_len &&
	    !np_has(ip->p, ip->end, ip->u.ip4.total_len)) {
		report(a, NP_CHECK_MALFORMED, NULL, NULL, "ip: total length %u past the end of the frame",
		       ip->u.ip4.total_len);
		return true;
	}
	const char *dns = dns_fault(pkt);
	if (dns) {
		report(a, NP_CHECK_MALFORMED, NULL, NULL, "dns: %s", dns);
		return true;
	}
	return false;
}

/* ---- ARP --------------------------------------------------------------------------- */

static void arp_text(const uint8_t *ip, const uint8_t *mac, char *buf, size_t len)
{
	snprintf(buf, len, "%u.%u.%u.%u", ip[0], ip[1], ip[2], ip[3]);
	(void)mac;
}

/* An ARP sender address that no host may claim; 0.0.0.0 is a probe (RFC 5227). */
static bool check_arp_bogon(np_anomalies *a, const struct np_arp_info *arp)
{
	const uint8_t *s = arp->spa;
	bool zero = !s[0] && !s[1] && !s[2] && !s[3];
	const char *why = zero          ? NULL
			  : s[0] == 0   ? "0.0.0.0/8 (this network)"
			  : s[0] == 127 ? "127.0.0.0/8 (loopback)"
			  : s[0] >= 240 ? "240.0.0.0/4 (reserved) or broadcast"
			  : s[0] >= 224 ? "224.0.0.0/4 (multicast)"
					: NULL;
	if (!why)
		return false;
	char src[NP_ADDR_TEXT], dst[NP_ADDR_TEXT];
	arp_text(arp->spa, arp->sha, src, sizeof(src));
	arp_text(arp->tpa, arp->tha, dst, sizeof(dst));
	report(a, NP_CHECK_BOGON_SOURCE, src, dst, "ARP sender address in %s", why);
	return true;
}

static void check_arp_conflict(np_anomalies *a, const struct np_arp_info *arp)
{
	const uint8_t *ip = arp->spa, *mac = arp->sha;
	if (!ip[0] && !ip[1] && !ip[2] && !ip[3])
		return;
	int64_t now = pkt_seconds(a->pkt);
	uint32_t h = (((uint32_t)ip[0] << 24) | ((uint32_t)ip[1] << 16) | ((uint32_t)ip[2] << 8) | ip[3]);
	h = (h * 2654435761u) % ARP_SLOTS;
	struct arp_slot *slot = NULL;
	for (unsigned i = 0; i < 8 && !slot; i++) { /* a short probe run, then the oldest of it goes */
		struct arp_slot *s = &a->arp[(h + i) % ARP_SLOTS];
		if (!s->used || !memcmp(s->ip, ip, 4))
			slot = s;
	}
	if (!slot) {
		slot = &a->arp[h];
		for (unsigned i = 1; i < 8; i++)
			if (a->arp[(h + i) % ARP_SLOTS].last < slot->last)
				slot = &a->arp[(h + i) % ARP_SLOTS];
		slot->used = false;
	}
	if (slot->used && !same_mac(slot->mac, mac) && now - slot->last <= NP_ARP_WINDOW_S &&
	    slot->last - now <= NP_ARP_WINDOW_S) {
		char src[NP_ADDR_TEXT], was[24], is[24];
		arp_text(ip, mac, src, sizeof(src));
		snprintf(was, sizeof(was), "%02x:%02x:%02x:%02x:%02x:%02x", slot->mac[0], slot->mac[1], slot->mac[2],
			 slot->mac[3], slot->mac[4], slot->mac[5]);
		snprintf(is, sizeof(is), "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3], mac[4],
			 mac[5]);
		report(a, NP_CHECK_ARP_CONFLICT, src, "", "%s claimed by %s, and by %s %llds before", src, is, was,
		       (long long)(now - slot->last));
	}
	slot->used = true;
	memcpy(slot->ip, ip, 4);
	memcpy(slot->mac, mac, 6);
	slot->last = now;
}

static void check_arp(np_anomalies *a)
{
	const np_layer *l = np_find_layer(a->pkt, NP_LAYER_ARP);
	const struct np_arp_info *arp = &l->u.arp;
	if (l->status != NP_OK || arp->pro != 0x0800 || arp->pln != 4 || arp->hln != 6 || !arp->spa || !arp->sha ||
	    !arp->tpa || !arp->tha || (arp->op != 1 && arp->op != 2)) {
		check_malformed(a); /* not IPv4-over-Ethernet ARP: only what the decoder says */
		return;
	}
	if (!check_arp_bogon(a, arp))
		check_malformed(a);
	check_arp_conflict(a, arp);
}

/* ---- scans ------------------------------------------------------------------------- */

static struct scan_slot *scan_source(np_anomalies *a, const uint8_t *src, int alen, bool create)
{
	uint32_t h = 2166136261u;
	for (int i = 0; i < alen; i++)
		h = (h ^ src[i]) * 16777619u;
	struct scan_slot *oldest = NULL;
	for (unsigned i = 0; i < 8; i++) {
		struct scan_slot *s = &a->scan[(h + i) % a->scan_slots];
		if (s->used && s->alen == alen && !memcmp(s->src, src, (size_t)alen))
			return s;
		if (!oldest || !s->used || (oldest->used && s->last < oldest->last))
			oldest = s;
	}
	if (!create)
		return NULL;
	memset(oldest, 0, sizeof(*oldest));
	oldest->used = true;
	oldest->alen = (uint8_t)alen;
	memcpy(oldest->src, src, (size_t)alen);
	return oldest;
}

static struct scan_target *scan_target(struct scan_slot *s, const uint8_t *dst, uint16_t port)
{
	for (unsigned i = 0; i < s->ntargets && i < SCAN_KEEP; i++)
		if (s->t[i].port == port && !memcmp(s->t[i].addr, dst, s->alen))
			return &s->t[i];
	return NULL;
}

static void check_scan(np_anomalies *a)
{
	const np_layer *t = l4_layer(a->pkt, NP_LAYER_TCP);
	const uint8_t *src, *dst;
	int alen;
	if (!t || !np_has(t->p, t->end, 14) || !np_analyze_ip_addrs(a->pkt, &src, &dst, &alen))
		return;
	unsigned f = t->u.tcp.flags & 0x3f;
	int64_t now = pkt_seconds(a->pkt);
	if ((f & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK)) { /* an answer: dst is the prober */
		struct scan_slot *s = scan_source(a, dst, alen, false);
		struct scan_target *tg = s ? scan_target(s, src, t->u.tcp.sport) : NULL;
		if (tg && tg->state == 1)
			tg->state = 2;
		return;
	}
	if (f & TH_ACK) {
		struct scan_slot *s = scan_source(a, src, alen, false);
		struct scan_target *tg = s ? scan_target(s, dst, t->u.tcp.dport) : NULL;
		if (tg && tg->state == 2 && !(f & TH_RST))
			tg->state = 3;
		return;
	}
	if (f & TH_RST)
		return;
	/* a probe: SYN, or a stealth probe (no ACK: null, FIN, Xmas) */
	struct scan_slot *s = scan_source(a, src, alen, true);
	if (s->ntargets && now - s->first > NP_SCAN_WINDOW_S) {
		bool reported = s->reported;
		memset(s->t, 0, sizeof(s->t));
		s->ntargets = 0;
		s->reported = reported;
	}
	if (!s->ntargets)
		s->first = now;
	s->last = now;
	if (scan_target(s, dst, t->u.tcp.dport) || s->ntargets >= SCAN_KEEP)
		return;
	struct scan_target *tg = &s->t[s->ntargets++];
	memcpy(tg->addr, dst, (size_t)alen);
	tg->port = t->u.tcp.dport;
	tg->state = 1;
	if (s->reported || s->ntargets < NP_SCAN_TARGETS)
		return;
	unsigned done = 0, hosts = 0, ports = 0;
	for (unsigned i = 0; i < s->ntargets; i++) {
		done += s->t[i].state == 3;
		bool new_host = true, new_port = true;
		for (unsigned j = 0; j < i; j++) {
			if (!memcmp(s->t[j].addr, s->t[i].addr, (size_t)alen))
				new_host = false;
			if (s->t[j].port == s->t[i].port)
				new_port = false;
		}
		hosts += new_host;
		ports += new_port;
	}
	if (done * 100 > (unsigned)s->ntargets * NP_SCAN_COMPLETED_PCT)
		return;
	s->reported = true;
	char who[NP_ADDR_TEXT];
	np_analyze_addr(src, alen, who, sizeof(who));
	report(a, NP_CHECK_SCAN, who, "", "%u targets (%u hosts, %u ports) probed in %llds, %u handshakes completed",
	       s->ntargets, hosts, ports, (long long)(now - s->first), done);
}

/* ---- per packet -------------------------------------------------------------------- */

void np_anomalies_packet(np_anomalies *a, const np_packet *pkt, uint64_t number)
{
	a->pkt = pkt;
	a->number = number;
	if (np_find_layer(pkt, NP_LAYER_ARP)) {
		check_arp(a);
		return;
	}
	const np_layer *ip = ip_layer(pkt);
	struct frag_view fv = {0};
	bool frag = ip && ip->status != NP_INVALID && ip->hdrlen && fragment_of(ip, &fv);
	bool found = check_land(a) || check_tcp_flags(a) || check_port_zero(a) ||
		     (frag && check_fragment_tiny(a, &fv)) || (frag && check_fragment_oversize(a, ip, &fv)) ||
		     (ip && ip->status != NP_INVALID && check_source_route(a, ip)) || check_bogon(a) ||
		     (ip && check_ip_checksum(a, ip)) || check_malformed(a);
	(void)found;
	if (frag)
		check_fragment_overlap(a, ip, &fv);
	check_scan(a);
}

void np_finding_write(np_out *o, const np_finding *f, bool json, bool nano)
{
	char when[48];
	np_analyze_time(f->ts_sec, f->ts_frac, nano, when, sizeof(when));
	if (!json) {
		out_fmt(o, "%llu %s %s %s", (unsigned long long)f->packet, when, np_anomaly_name(f->check), f->src);
		if (f->dst[0])
			out_fmt(o, " > %s", f->dst);
		out_fmt(o, ": %s", f->detail);
		return;
	}
	out_str(o, "{\"check\": ");
	np_analyze_json_str(o, np_anomaly_name(f->check));
	out_fmt(o, ", \"packet\": %llu, \"time\": ", (unsigned long long)f->packet);
	np_analyze_json_str(o, when);
	out_str(o, ", \"src\": ");
	np_analyze_json_str(o, f->src);
	out_str(o, ", \"dst\": ");
	np_analyze_json_str(o, f->dst);
	out_str(o, ", \"detail\": ");
	np_analyze_json_str(o, f->detail);
	out_char(o, '}');
}
