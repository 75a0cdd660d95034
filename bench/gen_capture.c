/*
 * gen_capture: writes a synthetic, deterministic pcap file of realistic office
 * traffic, as a SPAN port in front of a client network would see it.
 *
 * For: benchmark and test input for netprofile (decode, flows, servers) and its
 * peers. Millions of packets in seconds; the same seed always gives the same
 * bytes; every IPv4, TCP, UDP and ICMP checksum is correct, so `tcpdump -v`
 * finds nothing "incorrect". The mix, by packets: ~76% IPv4 TCP (Linux-style
 * handshakes with MSS/SACK/TS/wscale, HTTP, TLS, SSH and IMAPS exchanges,
 * delayed ACKs, FIN and RST closes, refused and unanswered SYNs), ~10% DNS,
 * ~3% NTP, ~3% ICMP echo, a few ICMP port unreachables quoting a UDP datagram,
 * ~2% ARP, ~5% IPv6 (TCP and DNS). Half of the TCP sessions alive at the start
 * are already mid-connection, as in any real capture.
 *
 * Not for: replaying onto a network, fuzzing (every packet is well formed), or
 * learning anything about real networks: sizes, timings and mixes are
 * plausible, not sampled. Needs libc only, no libpcap.
 *
 * Build: cc -std=c11 -O2 -Wall -Wextra -Werror -o build/gen_capture bench/gen_capture.c
 * Usage: gen_capture -n PACKETS [-s SNAPLEN] [-f FLOWS] [--seed N] [--flood] -o FILE|-
 *   -s  snap length: packets longer than this are cut (orig len is kept)
 *   -f  concurrent sessions interleaved (default PACKETS/20); also sets the
 *       number of hosts: FLOWS/20 clients (50..200000), FLOWS/8 public servers
 *   --flood  instead of office traffic, a SYN flood (see flood_packet): every
 *       SYN from a new random source address and port, so every one is a
 *       new flow, to 10.0.0.80:80, which answers half of them with SYN+ACK
 *
 * Each packet draws a kind of traffic by its share, then one open session of
 * that kind, which sends its next packet. With many sessions open each one
 * advances slowly (round trips of a second or more at 100k sessions): fine
 * for decoders and flow tables, not for timing studies.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CAPTURE_EPOCH_SEC 1709294400u /* 2024-03-01 12:00:00 UTC */
#define NTP_UNIX_OFFSET 2208988800u   /* seconds from 1900 to 1970 */

#define ETH_HEADER_LEN 14
#define ETH_MIN_FRAME 60 /* frames on the wire are padded to this */
#define MAX_FRAME 1600
#define ETHERTYPE_IPV4 0x0800
#define ETHERTYPE_IPV6 0x86dd
#define ETHERTYPE_ARP 0x0806

#define PROTO_ICMP 1
#define PROTO_TCP 6
#define PROTO_UDP 17

#define TCP_FIN 0x01
#define TCP_SYN 0x02
#define TCP_RST 0x04
#define TCP_PSH 0x08
#define TCP_ACK 0x10

#define CLIENT 0
#define SERVER 1

#define CLIENTS_PER_SUBNET 240
#define TLS_RECORD_SPAN (16384 + 5)

/* ------------------------------------------------------------------ */
/* Random numbers: splitmix64, one stream, so a seed fixes every byte. */

static uint64_t rng_state;

static inline uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline uint32_t rng_u32(void)
{
	return (uint32_t)(rng_next() >> 32);
}

/* Uniform in [0, n). */
static inline uint32_t rng_below(uint32_t n)
{
	return (uint32_t)(((uint64_t)rng_u32() * n) >> 32);
}

/* Uniform in [lo, hi]. */
static inline uint32_t rng_range(uint32_t lo, uint32_t hi)
{
	return lo + rng_below(hi - lo + 1);
}

static inline bool rng_chance(uint32_t per_mille)
{
	return rng_below(1000) < per_mille;
}

/* Index in [0, n) where low indexes are far more popular (a few busy hosts). */
static uint32_t rng_popular(uint32_t n, int steepness)
{
	double u = (double)rng_u32() / 4294967296.0;
	double x = u;
	for (int i = 1; i < steepness; i++)
		x *= u;
	uint32_t index = (uint32_t)(x * n);
	return index < n ? index : n - 1;
}

static void fill_random(uint8_t *dst, size_t len)
{
	while (len >= 8) {
		uint64_t v = rng_next();
		memcpy(dst, &v, 8);
		dst += 8;
		len -= 8;
	}
	if (len) {
		uint64_t v = rng_next();
		memcpy(dst, &v, len);
	}
}

/* ------------------------------------------------------------------ */
/* Small helpers. */

static void die(const char *what)
{
	fprintf(stderr, "gen_capture: %s\n", what);
	exit(1);
}

static inline void put16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static inline uint32_t min_u32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

static inline uint32_t clamp_u32(uint64_t v, uint32_t lo, uint32_t hi)
{
	return v < lo ? lo : v > hi ? hi : (uint32_t)v;
}

/* Copies the part of a repeating text that starts at stream offset `offset`. */
static void fill_cyclic_text(uint8_t *dst, uint64_t offset, size_t len, const char *text, size_t text_len)
{
	size_t pos = (size_t)(offset % text_len);
	while (len) {
		size_t chunk = text_len - pos < len ? text_len - pos : len;
		memcpy(dst, text + pos, chunk);
		dst += chunk;
		len -= chunk;
		pos = 0;
	}
}

/* Copies bytes [offset, offset+len) of `whole` that fall inside it; returns bytes copied. */
static size_t copy_window(uint8_t *dst, uint32_t offset, uint32_t len, const char *whole, size_t whole_len)
{
	if (offset >= whole_len)
		return 0;
	size_t n = min_u32(len, (uint32_t)(whole_len - offset));
	memcpy(dst, whole + offset, n);
	return n;
}

/* ------------------------------------------------------------------ */
/* Clock: microseconds since 1970, moving forward a little per packet. */

static uint64_t now_us;

static void clock_advance(void)
{
	if (rng_chance(1))
		now_us += rng_range(1000, 20000); /* a quiet moment */
	else
		now_us += rng_range(1, 39);
}

static inline uint32_t now_ms(void)
{
	return (uint32_t)(now_us / 1000);
}

/* ------------------------------------------------------------------ */
/* pcap output: frames are built in place in a large buffer, written in chunks. */

#define OUT_BUFFER_SIZE (8u << 20)
#define PCAP_RECORD_HEADER 16

static struct {
	FILE *file;
	uint8_t *buf;
	size_t used;
	uint32_t snaplen;
	bool dry_run; /* advance sessions without writing (to start mid-connection) */
	uint64_t packets, wire_bytes;
} out;

static void out_flush(void)
{
	if (out.used && fwrite(out.buf, 1, out.used, out.file) != out.used)
		die(strerror(errno));
	out.used = 0;
}

static void store_native32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static void out_write_file_header(void)
{
	uint8_t h[24];
	uint16_t version[2] = {2, 4};
	store_native32(h, 0xa1b2c3d4u);
	memcpy(h + 4, version, 4);
	store_native32(h + 8, 0);  /* thiszone */
	store_native32(h + 12, 0); /* sigfigs */
	store_native32(h + 16, out.snaplen);
	store_native32(h + 20, 1); /* LINKTYPE_ETHERNET */
	memcpy(out.buf, h, sizeof h);
	out.used = sizeof h;
}

/* Where the next frame is to be built (room for a whole frame is guaranteed). */
static uint8_t *frame_begin(void)
{
	if (out.used + PCAP_RECORD_HEADER + MAX_FRAME > OUT_BUFFER_SIZE)
		out_flush();
	return out.buf + out.used + PCAP_RECORD_HEADER;
}

/* Pads the frame just built, writes its record header, keeps caplen bytes. */
static void frame_commit(size_t len)
{
	uint8_t *frame = out.buf + out.used + PCAP_RECORD_HEADER;
	if (len < ETH_MIN_FRAME) {
		memset(frame + len, 0, ETH_MIN_FRAME - len);
		len = ETH_MIN_FRAME;
	}
	if (out.dry_run)
		return;
	uint32_t caplen = min_u32((uint32_t)len, out.snaplen);
	uint8_t *rec = frame - PCAP_RECORD_HEADER;
	store_native32(rec, (uint32_t)(now_us / 1000000));
	store_native32(rec + 4, (uint32_t)(now_us % 1000000));
	store_native32(rec + 8, caplen);
	store_native32(rec + 12, (uint32_t)len);
	out.used += PCAP_RECORD_HEADER + caplen;
	out.packets++;
	out.wire_bytes += len;
}

/* ------------------------------------------------------------------ */
/* Internet checksum. Summing memory in native order and storing the result
 * in native order gives the right bytes on either endianness (RFC 1071). */

static uint64_t checksum_add(uint64_t acc, const uint8_t *p, size_t len)
{
	while (len >= 4) {
		uint32_t w;
		memcpy(&w, p, 4);
		acc += w;
		p += 4;
		len -= 4;
	}
	if (len >= 2) {
		uint16_t h;
		memcpy(&h, p, 2);
		acc += h;
		p += 2;
		len -= 2;
	}
	if (len) {
		uint8_t last[2] = {p[0], 0};
		uint16_t h;
		memcpy(&h, last, 2);
		acc += h;
	}
	return acc;
}

static uint16_t checksum_finish(uint64_t acc)
{
	while (acc >> 16)
		acc = (acc & 0xffff) + (acc >> 16);
	return (uint16_t)~acc;
}

static void checksum_store(uint8_t *where, uint16_t sum)
{
	memcpy(where, &sum, 2);
}

/* ------------------------------------------------------------------ */
/* Hosts. Clients sit in /24 subnets of 10/8 and 192.168/16 behind one router
 * per subnet; servers are private (10.0/16, 172.16/12) or public. */

struct host {
	uint8_t ip4[4];
	uint8_t ip6[16];
	uint8_t mac[6];
	uint8_t ttl; /* TTL or hop limit as seen at the capture point */
	uint16_t next_ip_id;
	uint16_t subnet; /* clients only */
};

struct subnet {
	uint8_t prefix[3];
	struct host gateway; /* .1, the router's interface */
};

struct host_table {
	struct host *hosts;
	uint32_t count;
};

static struct host_table clients, private_servers, public_servers, resolvers, ntp_servers;
static struct subnet *subnets;
static uint32_t subnet_count;

static const uint8_t common_ouis[][3] = {
	{0x3c, 0x22, 0xfb}, {0xf4, 0x8e, 0x38}, {0x00, 0x50, 0x56}, {0xa4, 0xbb, 0x6d},
	{0x8c, 0x16, 0x45}, {0xdc, 0xa6, 0x32}, {0x00, 0x1b, 0x21}, {0x98, 0x5a, 0xeb},
};

static void random_client_mac(uint8_t mac[6])
{
	fill_random(mac, 6);
	if (rng_chance(300)) { /* randomized "private" MAC of phones and laptops */
		mac[0] = (uint8_t)((mac[0] & 0xfc) | 0x02);
		return;
	}
	memcpy(mac, common_ouis[rng_below(sizeof common_ouis / sizeof common_ouis[0])], 3);
}

static void set_ip6(uint8_t ip6[16], uint16_t group2, uint16_t group3, bool random_iid)
{
	static const uint8_t documentation_prefix[4] = {0x20, 0x01, 0x0d, 0xb8};
	memcpy(ip6, documentation_prefix, 4);
	put16(ip6 + 4, group2);
	put16(ip6 + 6, group3);
	if (random_iid)
		fill_random(ip6 + 8, 8);
	else
		memset(ip6 + 8, 0, 8);
}

static struct host make_host(const uint8_t ip4[4], uint8_t ttl)
{
	struct host h;
	memset(&h, 0, sizeof h);
	memcpy(h.ip4, ip4, 4);
	h.ttl = ttl;
	h.next_ip_id = (uint16_t)rng_u32();
	return h;
}

static uint8_t server_ttl(bool is_private)
{
	static const uint8_t initial[] = {64, 64, 64, 128, 128, 255};
	uint8_t hops = (uint8_t)(is_private ? rng_range(1, 3) : rng_range(6, 24));
	return (uint8_t)(initial[rng_below(sizeof initial)] - hops);
}

/* --public-clients: the clients' subnets in public space (81.x.y.0/24)
 * instead of 10/8 and 192.168/16 (tcpdump -n is much slower on private
 * addresses, so its benchmark is run on both). */
static bool public_clients;

static void subnet_prefix(uint32_t k, uint8_t prefix[3])
{
	if (public_clients) {
		prefix[0] = 81, prefix[1] = (uint8_t)(1 + k / 256), prefix[2] = (uint8_t)k;
		return;
	}
	if (k % 4 == 3) {
		prefix[0] = 192, prefix[1] = 168, prefix[2] = (uint8_t)(k / 4);
		return;
	}
	prefix[0] = 10, prefix[1] = (uint8_t)(1 + k / 256), prefix[2] = (uint8_t)k;
}

static void make_subnets(uint32_t count)
{
	subnets = calloc(count, sizeof *subnets);
	if (!subnets)
		die("out of memory");
	subnet_count = count;
	for (uint32_t k = 0; k < count; k++) {
		struct subnet *s = &subnets[k];
		subnet_prefix(k, s->prefix);
		uint8_t ip[4] = {s->prefix[0], s->prefix[1], s->prefix[2], 1};
		s->gateway = make_host(ip, 64);
		static const uint8_t vrrp_mac[5] = {0x00, 0x00, 0x5e, 0x00, 0x01};
		memcpy(s->gateway.mac, vrrp_mac, 5);
		s->gateway.mac[5] = (uint8_t)(k + 1);
	}
}

static void table_alloc(struct host_table *t, uint32_t count)
{
	t->hosts = calloc(count, sizeof *t->hosts);
	if (!t->hosts)
		die("out of memory");
	t->count = count;
}

static void make_clients(uint32_t count)
{
	make_subnets((count + CLIENTS_PER_SUBNET - 1) / CLIENTS_PER_SUBNET);
	table_alloc(&clients, count);
	for (uint32_t i = 0; i < count; i++) {
		uint32_t k = i / CLIENTS_PER_SUBNET;
		const uint8_t *p = subnets[k].prefix;
		uint8_t ip[4] = {p[0], p[1], p[2], (uint8_t)(10 + i % CLIENTS_PER_SUBNET)};
		struct host *h = &clients.hosts[i];
		*h = make_host(ip, rng_chance(250) ? 128 : 64);
		h->subnet = (uint16_t)k;
		random_client_mac(h->mac);
		set_ip6(h->ip6, 0x0001, (uint16_t)k, true);
	}
}

static void make_private_servers(uint32_t count)
{
	table_alloc(&private_servers, count);
	for (uint32_t i = 0; i < count; i++) {
		uint8_t third = (uint8_t)(1 + i / 200), fourth = (uint8_t)(10 + i % 200);
		uint8_t ip[4] = {10, 0, third, fourth};
		if (i % 5 == 4)
			ip[0] = 172, ip[1] = 16;
		private_servers.hosts[i] = make_host(ip, server_ttl(true));
		set_ip6(private_servers.hosts[i].ip6, 0x00aa, third, true);
	}
}

static bool is_public_unicast(uint32_t a)
{
	uint32_t o1 = a >> 24, o2 = (a >> 16) & 255, o4 = a & 255;
	if (o1 == 0 || o1 == 10 || o1 == 127 || o1 >= 224 || o4 == 0 || o4 == 255)
		return false;
	if ((o1 == 100 && (o2 & 0xc0) == 64) || (o1 == 169 && o2 == 254))
		return false;
	if ((o1 == 172 && (o2 & 0xf0) == 16) || (o1 == 192 && (o2 == 168 || o2 == 0)))
		return false;
	if ((o1 == 198 && ((o2 & 0xfe) == 18 || o2 == 51)) || (o1 == 203 && o2 == 0))
		return false;
	return true;
}

/* Distinct public addresses: an odd multiplier is a bijection on 32 bits. */
static void make_public_servers(uint32_t count)
{
	table_alloc(&public_servers, count);
	uint32_t offset = rng_u32(), candidate = 0;
	for (uint32_t i = 0; i < count; i++) {
		uint32_t a;
		do
			a = candidate++ * 0x9e3779b1u + offset;
		while (!is_public_unicast(a));
		uint8_t ip[4] = {(uint8_t)(a >> 24), (uint8_t)(a >> 16), (uint8_t)(a >> 8), (uint8_t)a};
		public_servers.hosts[i] = make_host(ip, server_ttl(false));
		set_ip6(public_servers.hosts[i].ip6, (uint16_t)(0xff00 | (i & 0xff)), (uint16_t)(i >> 8), true);
	}
}

/* Fixed infrastructure: two internal resolvers and two public ones (test nets). */
static void make_infrastructure(void)
{
	static const uint8_t resolver_ips[4][4] = {
		{10, 0, 0, 53}, {10, 0, 0, 54}, {198, 51, 100, 53}, {203, 0, 113, 53}};
	static const uint8_t ntp_ips[4][4] = {
		{10, 0, 0, 123}, {192, 0, 2, 123}, {198, 51, 100, 123}, {203, 0, 113, 123}};
	table_alloc(&resolvers, 4);
	table_alloc(&ntp_servers, 4);
	for (uint32_t i = 0; i < 4; i++) {
		resolvers.hosts[i] = make_host(resolver_ips[i], server_ttl(i < 2));
		set_ip6(resolvers.hosts[i].ip6, 0x0000, (uint16_t)(0x53 + i), false);
		resolvers.hosts[i].ip6[15] = 0x53;
		ntp_servers.hosts[i] = make_host(ntp_ips[i], server_ttl(i == 0));
	}
}

static uint32_t pick_client(void)
{
	return rng_popular(clients.count, 2);
}

static uint16_t ephemeral_port(void)
{
	return (uint16_t)rng_range(32768, 60999);
}

/* ------------------------------------------------------------------ */
/* Frames: Ethernet, IPv4/IPv6 headers and L4 checksums. */

struct ip_route {
	const uint8_t *src, *dst; /* 4 or 16 bytes */
	bool v6;
	bool dont_fragment;
	uint8_t ttl;
	uint8_t tos;
	uint16_t ip_id;
	uint32_t flowlabel;
};

/* The route of a packet whose IP id is already known (a quoted datagram). */
static struct ip_route route_with_id(const struct host *from, const struct host *to, bool v6, uint16_t ip_id)
{
	struct ip_route r = {0};
	r.v6 = v6;
	r.src = v6 ? from->ip6 : from->ip4;
	r.dst = v6 ? to->ip6 : to->ip4;
	r.ttl = from->ttl;
	r.dont_fragment = true;
	r.ip_id = v6 ? 0 : ip_id;
	return r;
}

/* The route of a new packet: takes the sender's next IP id. */
static struct ip_route route_between(struct host *from, const struct host *to, bool v6)
{
	return route_with_id(from, to, v6, v6 ? 0 : from->next_ip_id++);
}

static size_t ip_header_len(const struct ip_route *r)
{
	return r->v6 ? 40 : 20;
}

static void write_ipv4_header(uint8_t *ip, const struct ip_route *r, uint8_t proto, size_t l4len)
{
	ip[0] = 0x45;
	ip[1] = r->tos;
	put16(ip + 2, (uint32_t)(20 + l4len));
	put16(ip + 4, r->ip_id);
	put16(ip + 6, r->dont_fragment ? 0x4000 : 0);
	ip[8] = r->ttl;
	ip[9] = proto;
	put16(ip + 10, 0);
	memcpy(ip + 12, r->src, 4);
	memcpy(ip + 16, r->dst, 4);
	checksum_store(ip + 10, checksum_finish(checksum_add(0, ip, 20)));
}

static void write_ipv6_header(uint8_t *ip, const struct ip_route *r, uint8_t proto, size_t l4len)
{
	put32(ip, (6u << 28) | ((uint32_t)r->tos << 20) | (r->flowlabel & 0xfffff));
	put16(ip + 4, (uint32_t)l4len);
	ip[6] = proto;
	ip[7] = r->ttl;
	memcpy(ip + 8, r->src, 16);
	memcpy(ip + 24, r->dst, 16);
}

static uint64_t pseudo_header_sum(const struct ip_route *r, uint8_t proto, size_t l4len)
{
	size_t addr_len = r->v6 ? 16 : 4;
	uint8_t tail[8] = {0};
	put32(tail, (uint32_t)l4len);
	tail[7] = proto;
	uint64_t acc = checksum_add(0, r->src, addr_len);
	acc = checksum_add(acc, r->dst, addr_len);
	return checksum_add(acc, tail, 8);
}

static void write_l4_checksum(uint8_t *l4, size_t l4len, uint8_t proto, const struct ip_route *r)
{
	size_t field = proto == PROTO_TCP ? 16 : proto == PROTO_UDP ? 6 : 2;
	put16(l4 + field, 0);
	uint64_t acc = proto == PROTO_ICMP ? 0 : pseudo_header_sum(r, proto, l4len);
	uint16_t sum = checksum_finish(checksum_add(acc, l4, l4len));
	if (proto == PROTO_UDP && sum == 0)
		sum = 0xffff;
	checksum_store(l4 + field, sum);
}

/* With the L4 bytes already after the header room: writes the IP header and
 * the L4 checksum; returns the IP datagram length. */
static size_t ip_finish(uint8_t *ip, const struct ip_route *r, uint8_t proto, size_t l4len)
{
	if (r->v6)
		write_ipv6_header(ip, r, proto, l4len);
	else
		write_ipv4_header(ip, r, proto, l4len);
	write_l4_checksum(ip + ip_header_len(r), l4len, proto, r);
	return ip_header_len(r) + l4len;
}

static uint8_t *put_ethernet(uint8_t *frame, const uint8_t dst[6], const uint8_t src[6], uint16_t ethertype)
{
	memcpy(frame, dst, 6);
	memcpy(frame + 6, src, 6);
	put16(frame + 12, ethertype);
	return frame + ETH_HEADER_LEN;
}

/* Ethernet header for client <-> anything routed: the other end is the router. */
static uint8_t *put_ethernet_routed(uint8_t *frame, const struct host *client, int sender, bool v6)
{
	const uint8_t *router = subnets[client->subnet].gateway.mac;
	uint16_t type = v6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4;
	if (sender == CLIENT)
		return put_ethernet(frame, router, client->mac, type);
	return put_ethernet(frame, client->mac, router, type);
}

typedef size_t (*payload_writer)(uint8_t *dst, const void *ctx);

static size_t write_udp_datagram(uint8_t *ip, const struct ip_route *r, uint16_t sport, uint16_t dport,
				 payload_writer write_payload, const void *ctx)
{
	uint8_t *udp = ip + ip_header_len(r);
	size_t payload_len = write_payload(udp + 8, ctx);
	put16(udp, sport);
	put16(udp + 2, dport);
	put16(udp + 4, (uint32_t)(8 + payload_len));
	return ip_finish(ip, r, PROTO_UDP, 8 + payload_len);
}

static void emit_udp(const struct host *client, int sender, const struct ip_route *r, uint16_t sport, uint16_t dport,
		     payload_writer write_payload, const void *ctx)
{
	uint8_t *frame = frame_begin();
	uint8_t *ip = put_ethernet_routed(frame, client, sender, r->v6);
	frame_commit(ETH_HEADER_LEN + write_udp_datagram(ip, r, sport, dport, write_payload, ctx));
}

/* ICMP destination unreachable / port unreachable quoting an IPv4 datagram,
 * as much of it as Linux quotes (the error stays within 576 bytes). */
static void emit_port_unreachable(const struct host *client, int sender, struct ip_route *r, const uint8_t *quoted,
				  size_t quoted_len)
{
	if (quoted_len > 576 - 20 - 8)
		quoted_len = 576 - 20 - 8;
	r->tos = 0xc0;
	r->dont_fragment = false;
	uint8_t *frame = frame_begin();
	uint8_t *ip = put_ethernet_routed(frame, client, sender, false);
	uint8_t *icmp = ip + 20;
	icmp[0] = 3;
	icmp[1] = 3;
	memset(icmp + 2, 0, 6);
	memcpy(icmp + 8, quoted, quoted_len);
	frame_commit(ETH_HEADER_LEN + ip_finish(ip, r, PROTO_ICMP, 8 + quoted_len));
}

/* ------------------------------------------------------------------ */
/* Application payload texts (invented for this generator). */

static const char html_text[] = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
				"<title>Facilities - weekly notes</title>\n"
				"<link rel=\"stylesheet\" href=\"/static/site.css\">\n</head>\n<body>\n"
				"<header><nav><a href=\"/\">Home</a> | <a href=\"/rooms\">Rooms</a> | "
				"<a href=\"/search\">Search</a></nav></header>\n<main>\n<h1>Weekly notes</h1>\n"
				"<p>The third floor printer moves to room 3.14 on Monday. Badge readers in the east "
				"wing get new firmware on Wednesday night; expect a short outage around 23:00.</p>\n"
				"<table class=\"rooms\">\n<tr><th>Room</th><th>Seats</th><th>Screen</th></tr>\n"
				"<tr><td>Aster</td><td>8</td><td>yes</td></tr>\n"
				"<tr><td>Birch</td><td>12</td><td>yes</td></tr>\n"
				"<tr><td>Cedar</td><td>4</td><td>no</td></tr>\n</table>\n"
				"<p>Questions go to the front desk, extension 4100.</p>\n</main>\n"
				"<footer>Generated page, no real data.</footer>\n</body>\n</html>\n";

static const char json_text[] =
	"{\"items\":[{\"id\":1042,\"name\":\"meter-a\",\"state\":\"ok\",\"reading\":17.25},"
	"{\"id\":1043,\"name\":\"meter-b\",\"state\":\"ok\",\"reading\":3.5},"
	"{\"id\":1044,\"name\":\"valve-7\",\"state\":\"open\",\"since\":\"2024-02-29T08:15:00Z\"},"
	"{\"id\":1045,\"name\":\"pump-2\",\"state\":\"idle\",\"hours\":12873}],\"next\":\"?page=3\"}\n";

static const char form_text[] = "q=quarterly+report&lang=en&page=2&sort=date&filter=open&";

static const char *const dns_names[] = {
	"www.example.com",           "example.com",
	"mail.example.com",          "api.example.net",
	"cdn.example.net",           "static.example.org",
	"login.example.org",         "updates.example.com",
	"ocsp.example.com",          "www.example.org",
	"img.example.net",           "video.example.com",
	"chat.example.org",          "files.example.net",
	"intranet.corp.example.com", "git.corp.example.com",
	"wiki.corp.example.com",     "ldap.corp.example.com",
	"wpad.corp.example.com",     "telemetry.example.net",
	"fonts.example.com",         "metrics.example.org",
	"auth.example.org",          "news.example.com",
	"shop.example.org",          "printer3.corp.example.com",
	"backup.corp.example.com",   "meet.example.net",
};
#define DNS_NAME_COUNT (sizeof dns_names / sizeof dns_names[0])

static bool dns_name_is_missing(uint32_t name)
{
	return strncmp(dns_names[name], "wpad.", 5) == 0;
}

struct http_path {
	const char *path;
	const char *content_type;
};

static const struct http_path http_paths[] = {
	{"/", "text/html; charset=utf-8"},
	{"/index.html", "text/html; charset=utf-8"},
	{"/rooms", "text/html; charset=utf-8"},
	{"/search?q=printer", "text/html; charset=utf-8"},
	{"/api/v1/meters", "application/json"},
	{"/api/v1/meters?page=2", "application/json"},
	{"/images/floorplan.jpg", "image/jpeg"},
	{"/downloads/update-2.4.1.bin", "application/octet-stream"},
	{"/static/app.js", "application/javascript"},
	{"/static/site.css", "text/css"},
};
#define HTTP_PATH_COUNT (sizeof http_paths / sizeof http_paths[0])

static const char *const http_agents[] = {
	"Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0",
	("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
	 "Chrome/122.0.0.0 Safari/537.36"),
	"curl/7.88.1",
	"python-requests/2.31.0",
	"Debian APT-HTTP/1.3 (2.6.1)",
};

static const char ssh_server_banner[] = "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u2\r\n";
static const char *const ssh_client_banners[] = {
	"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u2\r\n",
	"SSH-2.0-OpenSSH_9.6\r\n",
	"SSH-2.0-PuTTY_Release_0.80\r\n",
};

/* ------------------------------------------------------------------ */
/* TCP sessions: one state machine per connection, one packet per step. */

enum tcp_phase {
	PHASE_NEW,
	PHASE_SYN,
	PHASE_SYN_AGAIN,
	PHASE_SYN_ACK,
	PHASE_REFUSE,
	PHASE_HANDSHAKE_ACK,
	PHASE_DATA,
	PHASE_ACK_MIDWAY,
	PHASE_ACK_AFTER,
	PHASE_FIN_FIRST,
	PHASE_FIN_SECOND,
	PHASE_FIN_LAST_ACK,
	PHASE_ABORT,
	PHASE_DONE,
};

enum tcp_service { SVC_HTTP, SVC_TLS, SVC_SSH, SVC_CLOSED_PORT, SVC_SILENT_PORT };

enum message_kind { MSG_HTTP_REQUEST, MSG_HTTP_RESPONSE, MSG_TLS, MSG_BANNER, MSG_RANDOM };

struct tcp_message {
	uint32_t length, offset;
	uint8_t sender;
	uint8_t kind;
	uint8_t tls_type;
};

struct tcp_session {
	uint32_t client, server;
	uint16_t client_port, server_port;
	uint32_t seq[2]; /* next sequence number each side sends */
	uint32_t ts_offset[2], ts_last[2];
	uint32_t flowlabel;
	uint16_t window[2];
	uint16_t segment_max; /* payload bytes in a full segment */
	uint16_t rounds_left;
	uint8_t phase, service, is_v6, uses_timestamps, server_is_private;
	uint8_t unacked_segments, closer, step, syn_retries_left, banner;
	/* HTTP exchange being sent, regenerated from these on demand */
	uint8_t http_method, http_path, http_host, http_agent, http_status;
	uint16_t http_head_len;
	uint32_t http_date;
	struct tcp_message msg;
};

struct service_choice {
	uint8_t service;
	uint16_t port;
	uint16_t per_mille;
};

static const struct service_choice ipv4_services[] = {
	{SVC_TLS, 443, 560}, {SVC_HTTP, 80, 220},      {SVC_SSH, 22, 70},
	{SVC_TLS, 993, 50},  {SVC_CLOSED_PORT, 0, 60}, {SVC_SILENT_PORT, 0, 40},
};
static const struct service_choice ipv6_services[] = {
	{SVC_TLS, 443, 800},
	{SVC_HTTP, 80, 150},
	{SVC_SSH, 22, 50},
};

static const uint16_t closed_ports[] = {8080, 3389, 5900, 9200, 8888};
static const uint16_t silent_ports[] = {23, 445, 3306, 5432, 1433};

static struct host *tcp_server(const struct tcp_session *s)
{
	return s->server_is_private ? &private_servers.hosts[s->server] : &public_servers.hosts[s->server];
}

static const struct service_choice *pick_service(bool v6)
{
	const struct service_choice *table = v6 ? ipv6_services : ipv4_services;
	size_t count =
		v6 ? sizeof ipv6_services / sizeof ipv6_services[0] : sizeof ipv4_services / sizeof ipv4_services[0];
	uint32_t r = rng_below(1000);
	for (size_t i = 0; i + 1 < count; i++) {
		if (r < table[i].per_mille)
			return &table[i];
		r -= table[i].per_mille;
	}
	return &table[count - 1];
}

static uint16_t pick_port(const struct service_choice *c)
{
	if (c->service == SVC_CLOSED_PORT)
		return closed_ports[rng_below(sizeof closed_ports / sizeof closed_ports[0])];
	if (c->service == SVC_SILENT_PORT)
		return silent_ports[rng_below(sizeof silent_ports / sizeof silent_ports[0])];
	return c->port;
}

static void tcp_pick_server(struct tcp_session *s)
{
	uint32_t private_share = s->service == SVC_SSH ? 800 : s->server_port == 993 ? 500 : 250;
	s->server_is_private = rng_chance(private_share);
	const struct host_table *t = s->server_is_private ? &private_servers : &public_servers;
	s->server = rng_popular(t->count, 2);
}

static void tcp_choose_segment_size(struct tcp_session *s)
{
	uint32_t client_mss = s->is_v6 ? 1440 : 1460;
	uint32_t server_mss = rng_chance(800) ? client_mss : client_mss - 80;
	s->segment_max = (uint16_t)(min_u32(client_mss, server_mss) - (s->uses_timestamps ? 12 : 0));
}

static void tcp_start(struct tcp_session *s, bool v6)
{
	memset(s, 0, sizeof *s);
	s->is_v6 = v6;
	const struct service_choice *choice = pick_service(v6);
	s->service = choice->service;
	s->server_port = pick_port(choice);
	s->client = pick_client();
	tcp_pick_server(s);
	s->client_port = ephemeral_port();
	s->seq[CLIENT] = rng_u32();
	s->seq[SERVER] = rng_u32();
	s->ts_offset[CLIENT] = rng_u32();
	s->ts_offset[SERVER] = rng_u32();
	s->flowlabel = rng_u32() & 0xfffff;
	s->window[CLIENT] = (uint16_t)rng_range(501, 2052);
	s->window[SERVER] = (uint16_t)rng_range(235, 1050);
	s->uses_timestamps = rng_chance(900);
	tcp_choose_segment_size(s);
	s->syn_retries_left = (uint8_t)(s->service == SVC_SILENT_PORT ? rng_range(1, 3) : 0);
	s->phase = PHASE_SYN;
}

/* The timestamp option: our clock now, echoing the peer's last value. */
static size_t put_timestamp_option(uint8_t *opt, struct tcp_session *s, int sender, bool echo)
{
	uint32_t tsval = s->ts_offset[sender] + now_ms();
	opt[0] = 8;
	opt[1] = 10;
	put32(opt + 2, tsval);
	put32(opt + 6, echo ? s->ts_last[1 - sender] : 0);
	s->ts_last[sender] = tsval;
	return 10;
}

/* SYN options as Linux writes them (the client always offers timestamps);
 * a server without timestamps answers the way Windows does. */
static size_t write_syn_options(uint8_t *opt, struct tcp_session *s, int sender)
{
	static const uint8_t nop_wscale7[4] = {1, 3, 3, 7};
	static const uint8_t nop_wscale8_nop_nop_sack[8] = {1, 3, 3, 8, 1, 1, 4, 2};
	uint16_t mss = (uint16_t)(s->segment_max + (s->uses_timestamps ? 12 : 0));
	if (sender == CLIENT)
		mss = s->is_v6 ? 1440 : 1460;
	opt[0] = 2;
	opt[1] = 4;
	put16(opt + 2, mss);
	if (sender == SERVER && !s->uses_timestamps) {
		memcpy(opt + 4, nop_wscale8_nop_nop_sack, 8);
		return 12;
	}
	opt[4] = 4; /* SACK permitted */
	opt[5] = 2;
	size_t n = 6 + put_timestamp_option(opt + 6, s, sender, sender == SERVER);
	memcpy(opt + n, nop_wscale7, 4);
	return n + 4;
}

static size_t write_tcp_options(uint8_t *opt, struct tcp_session *s, int sender, uint8_t flags)
{
	if (flags & TCP_RST)
		return 0;
	if (flags & TCP_SYN)
		return write_syn_options(opt, s, sender);
	if (!s->uses_timestamps)
		return 0;
	opt[0] = 1; /* two NOPs align the timestamps */
	opt[1] = 1;
	return 2 + put_timestamp_option(opt + 2, s, sender, true);
}

static uint16_t tcp_window(const struct tcp_session *s, int sender, uint8_t flags)
{
	if (flags & TCP_RST)
		return 0;
	if (flags & TCP_SYN)
		return sender == CLIENT ? 64240 : s->uses_timestamps ? 65160 : 64240;
	return (uint16_t)(s->window[sender] + rng_below(4));
}

static void fill_tcp_payload(const struct tcp_session *s, uint8_t *dst, uint32_t len);

static size_t write_tcp_segment(uint8_t *tcp, struct tcp_session *s, int sender, uint8_t flags, uint32_t payload_len)
{
	size_t header_len = 20 + write_tcp_options(tcp + 20, s, sender, flags);
	bool refusal = (flags & TCP_RST) && s->phase == PHASE_REFUSE;
	put16(tcp, sender == CLIENT ? s->client_port : s->server_port);
	put16(tcp + 2, sender == CLIENT ? s->server_port : s->client_port);
	put32(tcp + 4, refusal ? 0 : s->seq[sender]);
	put32(tcp + 8, (flags & TCP_ACK) ? s->seq[1 - sender] : 0);
	tcp[12] = (uint8_t)((header_len / 4) << 4);
	tcp[13] = flags;
	put16(tcp + 14, tcp_window(s, sender, flags));
	put16(tcp + 18, 0);
	if (payload_len)
		fill_tcp_payload(s, tcp + header_len, payload_len);
	return header_len + payload_len;
}

static void tcp_emit(struct tcp_session *s, int sender, uint8_t flags, uint32_t payload_len)
{
	struct host *client = &clients.hosts[s->client], *server = tcp_server(s);
	struct ip_route r =
		sender == CLIENT ? route_between(client, server, s->is_v6) : route_between(server, client, s->is_v6);
	r.flowlabel = s->flowlabel ^ (sender == SERVER ? 0x5a5a5u : 0);
	uint8_t *frame = frame_begin();
	uint8_t *ip = put_ethernet_routed(frame, client, sender, s->is_v6);
	size_t tcp_len = write_tcp_segment(ip + ip_header_len(&r), s, sender, flags, payload_len);
	frame_commit(ETH_HEADER_LEN + ip_finish(ip, &r, PROTO_TCP, tcp_len));
	s->seq[sender] += payload_len + ((flags & (TCP_SYN | TCP_FIN)) ? 1 : 0);
}

/* --- payload of the message being sent --- */

static size_t http_request_head(char *dst, size_t cap, const struct tcp_session *s, uint32_t body_len)
{
	bool post = s->http_method == 1;
	char extra[96] = "";
	if (post)
		snprintf(extra, sizeof extra,
			 "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %u\r\n",
			 (unsigned)body_len);
	int n = snprintf(dst, cap,
			 "%s %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: %s\r\nAccept: */*\r\n"
			 "Accept-Encoding: gzip, deflate\r\nConnection: keep-alive\r\n%s\r\n",
			 post ? "POST" : "GET", http_paths[s->http_path].path, dns_names[s->http_host],
			 http_agents[s->http_agent], extra);
	return n > 0 ? (size_t)n : 0;
}

static const char *http_reason(uint16_t status)
{
	switch (status) {
	case 200: return "OK";
	case 301: return "Moved Permanently";
	case 304: return "Not Modified";
	default: return "Not Found";
	}
}

static size_t http_response_head(char *dst, size_t cap, const struct tcp_session *s, uint32_t body_len)
{
	static const uint16_t statuses[] = {200, 301, 304, 404};
	uint16_t status = statuses[s->http_status];
	char date[40], location[128] = "";
	time_t t = (time_t)s->http_date;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	if (status == 301)
		snprintf(location, sizeof location, "Location: https://%s%s\r\n", dns_names[s->http_host],
			 http_paths[s->http_path].path);
	const char *type = status == 200 ? http_paths[s->http_path].content_type : "text/html";
	int n = snprintf(dst, cap,
			 "HTTP/1.1 %u %s\r\nDate: %s\r\nServer: nginx/1.24.0\r\nContent-Type: %s\r\n"
			 "Content-Length: %u\r\n%sConnection: keep-alive\r\n\r\n",
			 (unsigned)status, http_reason(status), date, type, (unsigned)body_len, location);
	return n > 0 ? (size_t)n : 0;
}

static void fill_http_body(const struct tcp_session *s, uint8_t *dst, uint32_t offset, uint32_t len)
{
	const char *type = s->http_status == 0 ? http_paths[s->http_path].content_type : "text/html";
	if (strncmp(type, "image/", 6) == 0 || strncmp(type, "application/o", 13) == 0) {
		fill_random(dst, len);
		static const uint8_t jpeg_magic[4] = {0xff, 0xd8, 0xff, 0xe0};
		for (uint32_t i = offset; i < 4 && i < offset + len; i++)
			dst[i - offset] = jpeg_magic[i];
	} else if (strncmp(type, "application/json", 16) == 0) {
		fill_cyclic_text(dst, offset, len, json_text, sizeof json_text - 1);
	} else {
		fill_cyclic_text(dst, offset, len, html_text, sizeof html_text - 1);
	}
}

/* HTTP messages are head + body; any segment is cut from that stream. */
static void fill_http(const struct tcp_session *s, uint8_t *dst, uint32_t offset, uint32_t len)
{
	char head[1024];
	uint32_t body_len = s->msg.length - s->http_head_len;
	bool request = s->msg.kind == MSG_HTTP_REQUEST;
	size_t head_len = s->http_head_len, copied = 0;
	if (offset < head_len) { /* only the first segment needs the head rebuilt */
		head_len = request ? http_request_head(head, sizeof head, s, body_len)
				   : http_response_head(head, sizeof head, s, body_len);
		copied = copy_window(dst, offset, len, head, head_len);
	}
	if (copied == len)
		return;
	uint32_t body_offset = offset + (uint32_t)copied - (uint32_t)head_len;
	if (request)
		fill_cyclic_text(dst + copied, body_offset, len - copied, form_text, sizeof form_text - 1);
	else
		fill_http_body(s, dst + copied, body_offset, (uint32_t)(len - copied));
}

/* Encrypted TLS records: random bytes with a record header every 16389 bytes. */
static void fill_tls(const struct tcp_message *m, uint8_t *dst, uint32_t len)
{
	fill_random(dst, len);
	uint32_t end = m->offset + len;
	for (uint32_t rec = m->offset - m->offset % TLS_RECORD_SPAN; rec < end; rec += TLS_RECORD_SPAN) {
		uint32_t body = min_u32(16384, m->length - rec - 5);
		uint8_t header[5] = {m->tls_type, 3, 3, (uint8_t)(body >> 8), (uint8_t)body};
		for (uint32_t i = 0; i < 5; i++)
			if (rec + i >= m->offset && rec + i < end)
				dst[rec + i - m->offset] = header[i];
	}
}

static void fill_banner(const struct tcp_session *s, uint8_t *dst, uint32_t len)
{
	const char *banner = s->msg.sender == SERVER ? ssh_server_banner : ssh_client_banners[s->banner];
	copy_window(dst, s->msg.offset, len, banner, strlen(banner));
}

static void fill_tcp_payload(const struct tcp_session *s, uint8_t *dst, uint32_t len)
{
	switch (s->msg.kind) {
	case MSG_HTTP_REQUEST:
	case MSG_HTTP_RESPONSE: fill_http(s, dst, s->msg.offset, len); break;
	case MSG_TLS: fill_tls(&s->msg, dst, len); break;
	case MSG_BANNER: fill_banner(s, dst, len); break;
	default: fill_random(dst, len); break;
	}
}

/* --- what each service says next --- */

/* Response sizes: mostly small, a long tail of downloads. */
static uint32_t response_size(void)
{
	uint32_t r = rng_below(1000);
	if (r < 750)
		return rng_range(120, 1500);
	if (r < 970)
		return rng_range(1500, 12000);
	if (r < 997)
		return rng_range(12000, 100000);
	return rng_range(100000, 1000000);
}

static void set_message(struct tcp_session *s, int sender, uint8_t kind, uint32_t length)
{
	s->msg.sender = (uint8_t)sender;
	s->msg.kind = kind;
	s->msg.length = length;
	s->msg.offset = 0;
}

static void set_tls_message(struct tcp_session *s, int sender, uint8_t type, uint32_t length)
{
	uint32_t tail = length % TLS_RECORD_SPAN;
	if (tail && tail <= 5)
		length += 8; /* every record has a body */
	set_message(s, sender, MSG_TLS, length);
	s->msg.tls_type = type;
}

static void http_start_request(struct tcp_session *s)
{
	char head[1024];
	s->http_method = rng_chance(120) ? 1 : 0;
	s->http_path = (uint8_t)rng_popular(HTTP_PATH_COUNT, 2);
	s->http_host = (uint8_t)rng_popular(DNS_NAME_COUNT, 2);
	s->http_agent = (uint8_t)rng_below(sizeof http_agents / sizeof http_agents[0]);
	uint32_t body_len = s->http_method == 1 ? rng_range(40, 900) : 0;
	s->http_head_len = (uint16_t)http_request_head(head, sizeof head, s, body_len);
	set_message(s, CLIENT, MSG_HTTP_REQUEST, s->http_head_len + body_len);
}

static void http_start_response(struct tcp_session *s)
{
	char head[1024];
	uint32_t r = rng_below(1000);
	s->http_status = r < 800 ? 0 : r < 860 ? 1 : r < 940 ? 2 : 3;
	uint32_t body_len = s->http_status == 0 ? response_size() : s->http_status == 2 ? 0 : rng_range(150, 560);
	s->http_date = (uint32_t)(now_us / 1000000);
	s->http_head_len = (uint16_t)http_response_head(head, sizeof head, s, body_len);
	set_message(s, SERVER, MSG_HTTP_RESPONSE, s->http_head_len + body_len);
}

static bool http_next_message(struct tcp_session *s)
{
	if (s->step % 2 == 1) {
		http_start_response(s);
		return true;
	}
	if (s->rounds_left == 0)
		return false;
	s->rounds_left--;
	http_start_request(s);
	return true;
}

static bool tls_next_message(struct tcp_session *s)
{
	bool mail = s->server_port == 993;
	switch (s->step) {
	case 0: set_tls_message(s, CLIENT, 0x16, rng_chance(500) ? 517 : rng_range(1700, 1900)); return true;
	case 1: set_tls_message(s, SERVER, 0x16, rng_range(2400, 5000)); return true;
	case 2: set_tls_message(s, CLIENT, 0x17, rng_range(64, 90)); return true;
	default: break;
	}
	if ((s->step - 3) % 2 == 1) {
		set_tls_message(s, SERVER, 0x17, mail ? rng_range(40, 3000) : response_size());
		return true;
	}
	if (s->rounds_left == 0)
		return false;
	s->rounds_left--;
	uint32_t r = rng_below(1000);
	uint32_t request = r < 800 ? rng_range(40, 600) : r < 990 ? rng_range(600, 1400) : rng_range(20000, 400000);
	set_tls_message(s, CLIENT, 0x17, request);
	return true;
}

static bool ssh_next_message(struct tcp_session *s)
{
	static const uint16_t key_exchange[4] = {1512, 1080, 1208, 1632};
	if (s->step == 0 || s->step == 1) {
		int sender = s->step == 0 ? SERVER : CLIENT;
		const char *b = sender == SERVER ? ssh_server_banner : ssh_client_banners[s->banner];
		set_message(s, sender, MSG_BANNER, (uint32_t)strlen(b));
		return true;
	}
	if (s->step < 6) {
		set_message(s, s->step % 2 == 0 ? CLIENT : SERVER, MSG_RANDOM,
			    key_exchange[s->step - 2] + rng_below(64));
		return true;
	}
	if (s->step % 2 == 1) { /* the server's answer: an echo, a screenful, a file */
		uint32_t r = rng_below(1000);
		set_message(s, SERVER, MSG_RANDOM,
			    r < 800   ? 36
			    : r < 990 ? rng_range(100, 3000)
				      : rng_range(20000, 500000));
		return true;
	}
	if (s->rounds_left == 0)
		return false;
	s->rounds_left--;
	set_message(s, CLIENT, MSG_RANDOM, rng_chance(900) ? 36 : rng_range(52, 400));
	return true;
}

static bool tcp_next_message(struct tcp_session *s)
{
	bool more = false;
	if (s->service == SVC_HTTP)
		more = http_next_message(s);
	else if (s->service == SVC_TLS)
		more = tls_next_message(s);
	else if (s->service == SVC_SSH)
		more = ssh_next_message(s);
	s->step++;
	return more;
}

static void tcp_plan_rounds(struct tcp_session *s)
{
	if (s->service == SVC_SSH) {
		s->rounds_left = (uint16_t)rng_range(5, 120);
		s->banner = (uint8_t)rng_below(sizeof ssh_client_banners / sizeof ssh_client_banners[0]);
	} else {
		s->rounds_left = (uint16_t)(rng_chance(600) ? 1 : rng_range(2, 8));
	}
}

/* --- the state machine --- */

static void tcp_start_closing(struct tcp_session *s)
{
	uint32_t r = rng_below(1000);
	s->closer = (uint8_t)(rng_chance(600) ? CLIENT : SERVER);
	if (r < 820) {
		s->phase = PHASE_FIN_FIRST;
	} else if (r < 960) {
		s->closer = CLIENT;
		s->phase = PHASE_ABORT;
	} else {
		s->phase = PHASE_DONE; /* stays open and idle past the end of the capture */
	}
}

static void tcp_begin_next_message(struct tcp_session *s)
{
	s->unacked_segments = 0;
	if (tcp_next_message(s))
		s->phase = PHASE_DATA;
	else
		tcp_start_closing(s);
}

static void tcp_send_data_segment(struct tcp_session *s)
{
	struct tcp_message *m = &s->msg;
	uint32_t left = m->length - m->offset;
	uint32_t len = min_u32(left, s->segment_max);
	bool last = len == left;
	tcp_emit(s, m->sender, (uint8_t)(TCP_ACK | (last ? TCP_PSH : 0)), len);
	m->offset += len;
	if (last)
		s->phase = rng_chance(550) ? PHASE_ACK_AFTER : PHASE_DATA;
	else if (++s->unacked_segments >= 2)
		s->phase = PHASE_ACK_MIDWAY;
	if (last && s->phase == PHASE_DATA)
		tcp_begin_next_message(s);
}

static void tcp_step_handshake(struct tcp_session *s)
{
	switch (s->phase) {
	case PHASE_SYN:
		tcp_emit(s, CLIENT, TCP_SYN, 0);
		s->phase = s->service == SVC_CLOSED_PORT   ? PHASE_REFUSE
			   : s->service == SVC_SILENT_PORT ? PHASE_SYN_AGAIN
							   : PHASE_SYN_ACK;
		break;
	case PHASE_SYN_AGAIN:
		s->seq[CLIENT]--;
		tcp_emit(s, CLIENT, TCP_SYN, 0);
		s->phase = --s->syn_retries_left ? PHASE_SYN_AGAIN : PHASE_DONE;
		break;
	case PHASE_REFUSE:
		tcp_emit(s, SERVER, TCP_RST | TCP_ACK, 0);
		s->phase = PHASE_DONE;
		break;
	case PHASE_SYN_ACK:
		tcp_emit(s, SERVER, TCP_SYN | TCP_ACK, 0);
		s->phase = PHASE_HANDSHAKE_ACK;
		break;
	default: /* PHASE_HANDSHAKE_ACK */
		tcp_emit(s, CLIENT, TCP_ACK, 0);
		tcp_plan_rounds(s);
		tcp_begin_next_message(s);
		break;
	}
}

static void tcp_step_closing(struct tcp_session *s)
{
	int other = 1 - s->closer;
	switch (s->phase) {
	case PHASE_FIN_FIRST:
		tcp_emit(s, s->closer, TCP_FIN | TCP_ACK, 0);
		s->phase = PHASE_FIN_SECOND;
		break;
	case PHASE_FIN_SECOND:
		tcp_emit(s, other, TCP_FIN | TCP_ACK, 0);
		s->phase = PHASE_FIN_LAST_ACK;
		break;
	case PHASE_FIN_LAST_ACK:
		tcp_emit(s, s->closer, TCP_ACK, 0);
		s->phase = PHASE_DONE;
		break;
	default: /* PHASE_ABORT */
		tcp_emit(s, s->closer, TCP_RST | TCP_ACK, 0);
		s->phase = PHASE_DONE;
		break;
	}
}

/* Emits exactly one packet of the session (starting a new one if it ended). */
static void tcp_step(struct tcp_session *s, bool v6)
{
	if (s->phase == PHASE_NEW || s->phase == PHASE_DONE)
		tcp_start(s, v6);
	switch (s->phase) {
	case PHASE_DATA: tcp_send_data_segment(s); break;
	case PHASE_ACK_MIDWAY:
		tcp_emit(s, 1 - s->msg.sender, TCP_ACK, 0);
		s->unacked_segments = 0;
		s->phase = PHASE_DATA;
		break;
	case PHASE_ACK_AFTER:
		tcp_emit(s, 1 - s->msg.sender, TCP_ACK, 0);
		tcp_begin_next_message(s);
		break;
	case PHASE_FIN_FIRST:
	case PHASE_FIN_SECOND:
	case PHASE_FIN_LAST_ACK:
	case PHASE_ABORT: tcp_step_closing(s); break;
	default: tcp_step_handshake(s); break;
	}
}

/* ------------------------------------------------------------------ */
/* DNS over UDP: a query, usually an answer; sometimes the answer comes after
 * the client gave up, and the client's ICMP port unreachable quotes it. */

enum dns_phase { DNS_NEW, DNS_QUERY, DNS_ANSWER, DNS_LATE_ERROR, DNS_DONE };

struct dns_session {
	uint32_t client;
	uint16_t client_port, query_id, answer_ip_id;
	uint8_t phase, name, qtype, resolver, is_v6, edns, answered, late;
};

struct dns_ctx {
	const struct dns_session *d;
	bool answer;
};

static size_t dns_put_name(uint8_t *p, const char *name)
{
	size_t n = 0;
	while (*name) {
		size_t label = strcspn(name, ".");
		p[n++] = (uint8_t)label;
		memcpy(p + n, name, label);
		n += label;
		name += label;
		if (*name == '.')
			name++;
	}
	p[n++] = 0;
	return n;
}

static size_t dns_put_rr_head(uint8_t *p, uint16_t name_offset, uint16_t type, uint32_t ttl)
{
	put16(p, 0xc000u | name_offset);
	put16(p + 2, type);
	put16(p + 4, 1);
	put32(p + 6, ttl);
	return 10; /* rdlength follows */
}

static size_t dns_put_opt(uint8_t *p)
{
	static const uint8_t opt[11] = {0, 0, 41, 0x04, 0xd0, 0, 0, 0, 0, 0, 0}; /* 1232 bytes */
	memcpy(p, opt, sizeof opt);
	return sizeof opt;
}

/* Answer records for the question at offset 12: maybe a CNAME, then addresses. */
static size_t dns_put_answers(uint8_t *p, size_t at, const struct dns_session *d, uint16_t *count)
{
	size_t n = at;
	uint16_t owner = 12;
	uint32_t ttl = 60u + 240u * (d->name % 5);
	if (d->name % 3 == 1) {
		char target[64];
		snprintf(target, sizeof target, "edge-%u.cdn.example.net", (unsigned)(d->name % 7));
		n += dns_put_rr_head(p + n, owner, 5, 3600);
		size_t rdlen = dns_put_name(p + n + 2, target);
		put16(p + n, (uint32_t)rdlen);
		owner = (uint16_t)(n + 2);
		n += 2 + rdlen;
		(*count)++;
	}
	bool v6 = d->qtype == 28;
	if (v6 && d->name % 4 == 3)
		return n - at; /* no AAAA for this name */
	for (uint32_t i = 0; i < 1u + d->name % 3u; i++) {
		const struct host *h = &public_servers.hosts[(d->name * 7 + i) % public_servers.count];
		n += dns_put_rr_head(p + n, owner, v6 ? 28 : 1, ttl);
		put16(p + n, v6 ? 16 : 4);
		memcpy(p + n + 2, v6 ? h->ip6 : h->ip4, v6 ? 16 : 4);
		n += v6 ? 18 : 6;
		(*count)++;
	}
	return n - at;
}

static size_t write_dns_message(uint8_t *p, const void *ctx_ptr)
{
	const struct dns_ctx *ctx = ctx_ptr;
	const struct dns_session *d = ctx->d;
	bool missing = dns_name_is_missing(d->name);
	uint16_t answers = 0;
	put16(p, d->query_id);
	put16(p + 2, !ctx->answer ? 0x0100 : missing ? 0x8183 : 0x8180);
	put16(p + 4, 1);
	put16(p + 10, d->edns ? 1 : 0);
	size_t n = 12 + dns_put_name(p + 12, dns_names[d->name]);
	put16(p + n, d->qtype);
	put16(p + n + 2, 1);
	n += 4;
	if (ctx->answer && !missing)
		n += dns_put_answers(p, n, d, &answers);
	put16(p + 6, answers);
	put16(p + 8, 0);
	if (d->edns)
		n += dns_put_opt(p + n);
	return n;
}

static struct host *dns_resolver(const struct dns_session *d)
{
	return &resolvers.hosts[d->resolver];
}

static struct ip_route dns_answer_route(const struct dns_session *d)
{
	struct ip_route r = route_with_id(dns_resolver(d), &clients.hosts[d->client], d->is_v6, d->answer_ip_id);
	r.dont_fragment = false;
	return r;
}

static void dns_start(struct dns_session *d, bool v6)
{
	memset(d, 0, sizeof *d);
	d->is_v6 = v6;
	d->client = pick_client();
	d->client_port = ephemeral_port();
	d->query_id = (uint16_t)rng_u32();
	d->name = (uint8_t)rng_popular(DNS_NAME_COUNT, 2);
	d->qtype = rng_chance(600) ? 1 : 28;
	d->resolver = (uint8_t)(rng_chance(750) ? rng_below(2) : 2 + rng_below(2));
	d->edns = rng_chance(500);
	d->answered = !rng_chance(20);
	d->late = !v6 && rng_chance(25);
	d->phase = DNS_QUERY;
}

static void dns_send_query(struct dns_session *d)
{
	struct dns_ctx ctx = {d, false};
	struct host *client = &clients.hosts[d->client];
	struct ip_route r = route_between(client, dns_resolver(d), d->is_v6);
	emit_udp(client, CLIENT, &r, d->client_port, 53, write_dns_message, &ctx);
	d->phase = d->answered ? DNS_ANSWER : DNS_DONE;
}

static void dns_send_answer(struct dns_session *d)
{
	struct dns_ctx ctx = {d, true};
	d->answer_ip_id = dns_resolver(d)->next_ip_id++;
	struct ip_route r = dns_answer_route(d);
	r.flowlabel = d->query_id;
	emit_udp(&clients.hosts[d->client], SERVER, &r, 53, d->client_port, write_dns_message, &ctx);
	d->phase = d->late ? DNS_LATE_ERROR : DNS_DONE;
}

static void dns_send_late_error(struct dns_session *d)
{
	uint8_t quoted[MAX_FRAME];
	struct dns_ctx ctx = {d, true};
	struct ip_route answer = dns_answer_route(d);
	size_t len = write_udp_datagram(quoted, &answer, 53, d->client_port, write_dns_message, &ctx);
	struct host *client = &clients.hosts[d->client];
	struct ip_route r = route_between(client, dns_resolver(d), false);
	emit_port_unreachable(client, CLIENT, &r, quoted, len);
	d->phase = DNS_DONE;
}

static void dns_step(struct dns_session *d, bool v6)
{
	if (d->phase == DNS_NEW || d->phase == DNS_DONE)
		dns_start(d, v6);
	if (d->phase == DNS_QUERY)
		dns_send_query(d);
	else if (d->phase == DNS_ANSWER)
		dns_send_answer(d);
	else
		dns_send_late_error(d);
}

/* ------------------------------------------------------------------ */
/* NTP client (mode 3) and server (mode 4), 48 bytes each. */

struct ntp_session {
	uint32_t client;
	uint16_t client_port;
	uint8_t server, phase;
	uint64_t client_transmit; /* NTP timestamp the server echoes as origin */
};

struct ntp_ctx {
	const struct ntp_session *n;
	bool reply;
};

static uint64_t ntp_timestamp(uint64_t unix_us)
{
	uint64_t seconds = unix_us / 1000000 + NTP_UNIX_OFFSET;
	uint64_t fraction = ((unix_us % 1000000) << 32) / 1000000;
	return (seconds << 32) | fraction;
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)(v >> 32));
	put32(p + 4, (uint32_t)v);
}

static size_t write_ntp_message(uint8_t *p, const void *ctx_ptr)
{
	const struct ntp_ctx *ctx = ctx_ptr;
	memset(p, 0, 48);
	if (!ctx->reply) {
		p[0] = 0x23; /* LI 0, version 4, mode 3 */
		p[2] = 6;
		p[3] = 0xe9;
		put64(p + 40, ctx->n->client_transmit);
		return 48;
	}
	p[0] = 0x24; /* LI 0, version 4, mode 4 */
	p[1] = 2;
	p[2] = 6;
	p[3] = 0xe8;
	put32(p + 4, 0x00000a3c); /* root delay */
	put32(p + 8, 0x00001f2a); /* root dispersion */
	memcpy(p + 12, public_servers.hosts[ctx->n->server % public_servers.count].ip4, 4);
	put64(p + 16, ntp_timestamp(now_us - 512000000 - 1000u * ctx->n->server));
	put64(p + 24, ctx->n->client_transmit);
	put64(p + 32, ntp_timestamp(now_us - 40));
	put64(p + 40, ntp_timestamp(now_us - 12));
	return 48;
}

static void ntp_step(struct ntp_session *n)
{
	struct host *client, *server;
	if (n->phase == 0) {
		n->client = pick_client();
		n->server = (uint8_t)rng_below(ntp_servers.count);
		n->client_port = rng_chance(300) ? 123 : ephemeral_port();
		n->client_transmit = ntp_timestamp(now_us);
	}
	client = &clients.hosts[n->client];
	server = &ntp_servers.hosts[n->server];
	struct ntp_ctx ctx = {n, n->phase == 1};
	if (n->phase == 0) {
		struct ip_route r = route_between(client, server, false);
		emit_udp(client, CLIENT, &r, n->client_port, 123, write_ntp_message, &ctx);
	} else {
		struct ip_route r = route_between(server, client, false);
		r.dont_fragment = false;
		emit_udp(client, SERVER, &r, 123, n->client_port, write_ntp_message, &ctx);
	}
	n->phase = (uint8_t)(1 - n->phase);
}

/* ------------------------------------------------------------------ */
/* ICMP echo as Linux ping sends it: 56 data bytes, a timeval then 0x10.. */

struct ping_session {
	uint32_t client, server;
	uint16_t ident, seq, count_left;
	uint8_t phase, server_is_private, answered;
	uint64_t sent_us;
};

static void write_echo(uint8_t *icmp, const struct ping_session *p, bool reply)
{
	icmp[0] = reply ? 0 : 8;
	icmp[1] = 0;
	put16(icmp + 4, p->ident);
	put16(icmp + 6, p->seq);
	uint64_t tv[2] = {p->sent_us / 1000000, p->sent_us % 1000000}; /* host order, as ping does */
	memcpy(icmp + 8, tv, 16);
	for (int i = 0; i < 40; i++)
		icmp[24 + i] = (uint8_t)(0x10 + i);
}

static void ping_start(struct ping_session *p)
{
	memset(p, 0, sizeof *p);
	p->client = pick_client();
	p->server_is_private = rng_chance(500);
	p->server = rng_popular(p->server_is_private ? private_servers.count : public_servers.count, 3);
	p->ident = (uint16_t)rng_u32();
	p->count_left = (uint16_t)rng_range(1, 8);
	p->answered = !rng_chance(60);
}

static void ping_step(struct ping_session *p)
{
	if (p->count_left == 0)
		ping_start(p);
	struct host *client = &clients.hosts[p->client];
	struct host *server =
		p->server_is_private ? &private_servers.hosts[p->server] : &public_servers.hosts[p->server];
	bool reply = p->phase == 1;
	if (!reply) {
		p->seq++;
		p->sent_us = now_us;
	}
	struct ip_route r = reply ? route_between(server, client, false) : route_between(client, server, false);
	uint8_t *frame = frame_begin();
	uint8_t *ip = put_ethernet_routed(frame, client, reply ? SERVER : CLIENT, false);
	write_echo(ip + 20, p, reply);
	frame_commit(ETH_HEADER_LEN + ip_finish(ip, &r, PROTO_ICMP, 64));
	p->phase = (uint8_t)(!reply && p->answered);
	if (!p->phase)
		p->count_left--;
}

/* ------------------------------------------------------------------ */
/* A UDP datagram to a closed port (traceroute-like probe) and the ICMP port
 * unreachable that quotes it. */

struct probe_session {
	uint32_t client, server;
	uint16_t client_port, server_port, ip_id;
	uint8_t phase;
};

static size_t write_probe_payload(uint8_t *p, const void *ctx)
{
	(void)ctx;
	for (int i = 0; i < 32; i++)
		p[i] = (uint8_t)(0x40 + i);
	return 32;
}

static struct ip_route probe_route(const struct probe_session *p)
{
	struct ip_route r =
		route_with_id(&clients.hosts[p->client], &private_servers.hosts[p->server], false, p->ip_id);
	r.dont_fragment = false;
	return r;
}

static void probe_step(struct probe_session *p)
{
	struct host *client;
	if (p->phase == 0) {
		p->client = pick_client();
		p->server = rng_popular(private_servers.count, 2);
		p->client_port = ephemeral_port();
		p->server_port = (uint16_t)rng_range(33434, 33534);
		p->ip_id = clients.hosts[p->client].next_ip_id++;
	}
	client = &clients.hosts[p->client];
	struct ip_route probe = probe_route(p);
	if (p->phase == 0) {
		emit_udp(client, CLIENT, &probe, p->client_port, p->server_port, write_probe_payload, NULL);
	} else {
		uint8_t quoted[128];
		size_t len =
			write_udp_datagram(quoted, &probe, p->client_port, p->server_port, write_probe_payload, NULL);
		struct ip_route r = route_between(&private_servers.hosts[p->server], client, false);
		emit_port_unreachable(client, SERVER, &r, quoted, len);
	}
	p->phase = (uint8_t)(1 - p->phase);
}

/* ------------------------------------------------------------------ */
/* ARP: a client asks for its router or a neighbour; most get an answer. */

struct arp_session {
	uint32_t client, neighbour; /* neighbour UINT32_MAX = the router */
	uint8_t phase;
};

static const struct host *arp_target(const struct arp_session *a)
{
	if (a->neighbour == UINT32_MAX)
		return &subnets[clients.hosts[a->client].subnet].gateway;
	return &clients.hosts[a->neighbour];
}

static void write_arp(uint8_t *p, uint16_t op, const struct host *sender, const struct host *target)
{
	static const uint8_t ethernet_ipv4[6] = {0, 1, 8, 0, 6, 4};
	memcpy(p, ethernet_ipv4, 6);
	put16(p + 6, op);
	memcpy(p + 8, sender->mac, 6);
	memcpy(p + 14, sender->ip4, 4);
	if (op == 1)
		memset(p + 18, 0, 6);
	else
		memcpy(p + 18, target->mac, 6);
	memcpy(p + 24, target->ip4, 4);
}

static void arp_start(struct arp_session *a)
{
	a->client = pick_client();
	uint32_t subnet_first = clients.hosts[a->client].subnet * CLIENTS_PER_SUBNET;
	uint32_t in_subnet = min_u32(CLIENTS_PER_SUBNET, clients.count - subnet_first);
	a->neighbour = rng_chance(600) || in_subnet < 2 ? UINT32_MAX : subnet_first + rng_below(in_subnet);
	if (a->neighbour == a->client)
		a->neighbour = UINT32_MAX;
	a->phase = 1;
}

static void arp_step(struct arp_session *a)
{
	static const uint8_t broadcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
	if (a->phase == 0)
		arp_start(a);
	const struct host *client = &clients.hosts[a->client], *target = arp_target(a);
	uint8_t *frame = frame_begin();
	if (a->phase == 1) {
		write_arp(put_ethernet(frame, broadcast, client->mac, ETHERTYPE_ARP), 1, client, target);
		a->phase = rng_chance(900) ? 2 : 0;
	} else {
		write_arp(put_ethernet(frame, client->mac, target->mac, ETHERTYPE_ARP), 2, target, client);
		a->phase = 0;
	}
	frame_commit(ETH_HEADER_LEN + 28);
}

/* ------------------------------------------------------------------ */
/* Scheduling: each packet picks a kind of traffic by share, then a random
 * session of that kind, and emits that session's next packet. */

enum traffic_kind { KIND_TCP4, KIND_TCP6, KIND_DNS4, KIND_DNS6, KIND_NTP, KIND_PING, KIND_PROBE, KIND_ARP, KIND_COUNT };

static const uint16_t kind_per_mille[KIND_COUNT] = {776, 35, 90, 15, 30, 30, 4, 20};

static struct {
	struct tcp_session *tcp4, *tcp6;
	struct dns_session *dns4, *dns6;
	struct ntp_session *ntp;
	struct ping_session *ping;
	struct probe_session *probe;
	struct arp_session *arp;
	uint32_t count[KIND_COUNT];
	uint8_t kind_of_draw[1000];
} pool;

static void *pool_alloc(enum traffic_kind kind, uint32_t count, size_t size)
{
	pool.count[kind] = count;
	void *p = calloc(count, size);
	if (!p)
		die("out of memory");
	return p;
}

static void pools_create(uint32_t flows)
{
	pool.tcp4 = pool_alloc(KIND_TCP4, clamp_u32(flows * 9ull / 10, 1, UINT32_MAX), sizeof *pool.tcp4);
	pool.tcp6 = pool_alloc(KIND_TCP6, clamp_u32(flows / 20, 1, UINT32_MAX), sizeof *pool.tcp6);
	pool.dns4 = pool_alloc(KIND_DNS4, clamp_u32(flows / 100, 1, 256), sizeof *pool.dns4);
	pool.dns6 = pool_alloc(KIND_DNS6, clamp_u32(flows / 400, 1, 64), sizeof *pool.dns6);
	pool.ntp = pool_alloc(KIND_NTP, clamp_u32(flows / 500, 1, 64), sizeof *pool.ntp);
	pool.ping = pool_alloc(KIND_PING, clamp_u32(flows / 500, 1, 64), sizeof *pool.ping);
	pool.probe = pool_alloc(KIND_PROBE, clamp_u32(flows / 2000, 1, 16), sizeof *pool.probe);
	pool.arp = pool_alloc(KIND_ARP, clamp_u32(flows / 1000, 1, 32), sizeof *pool.arp);
	uint32_t draw = 0;
	for (int kind = 0; kind < KIND_COUNT; kind++)
		for (uint32_t i = 0; i < kind_per_mille[kind]; i++)
			pool.kind_of_draw[draw++] = (uint8_t)kind;
}

static void emit_next_packet(void)
{
	enum traffic_kind kind = pool.kind_of_draw[rng_below(1000)];
	uint32_t slot = rng_below(pool.count[kind]);
	switch (kind) {
	case KIND_TCP4: tcp_step(&pool.tcp4[slot], false); break;
	case KIND_TCP6: tcp_step(&pool.tcp6[slot], true); break;
	case KIND_DNS4: dns_step(&pool.dns4[slot], false); break;
	case KIND_DNS6: dns_step(&pool.dns6[slot], true); break;
	case KIND_NTP: ntp_step(&pool.ntp[slot]); break;
	case KIND_PING: ping_step(&pool.ping[slot]); break;
	case KIND_PROBE: probe_step(&pool.probe[slot]); break;
	default: arp_step(&pool.arp[slot]); break;
	}
}

/* Half the TCP sessions are already running when the capture starts. */
static void start_mid_connection(struct tcp_session *sessions, uint32_t count, bool v6)
{
	out.dry_run = true;
	for (uint32_t i = 0; i < count; i++) {
		if (!rng_chance(500))
			continue;
		uint32_t steps = rng_range(1, 40);
		for (uint32_t k = 0; k < steps && sessions[i].phase != PHASE_DONE; k++)
			tcp_step(&sessions[i], v6);
	}
	out.dry_run = false;
}

/* ------------------------------------------------------------------ */
/* --flood: a SYN flood against one web server, as a SPAN port in front of
 * it sees it. Each SYN comes from a random public IPv4 address and port (a
 * new flow every packet); the server answers about half with SYN+ACK (SYN
 * cookies), which are never acknowledged. Packets 1..3 us apart. */

static void flood_packet(void)
{
	static const uint8_t victim_ip[4] = {10, 0, 0, 80};
	static const uint8_t victim_mac[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x50};
	static const uint8_t router_mac[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
	static uint8_t pending_src[4];
	static uint16_t pending_port;
	static uint32_t pending_seq;
	static bool pending;
	uint8_t src[4];
	uint8_t flags = TCP_SYN;
	uint16_t sport;
	uint32_t seq, ack = 0;
	if (pending) { /* the server's answer to the last SYN */
		pending = false;
		flags = TCP_SYN | TCP_ACK;
		memcpy(src, pending_src, 4);
		sport = pending_port;
		seq = rng_u32();
		ack = pending_seq + 1;
	} else {
		uint32_t a;
		do
			a = rng_u32();
		while (!is_public_unicast(a));
		put32(src, a);
		sport = (uint16_t)rng_range(1024, 65535);
		seq = rng_u32();
		if (rng_chance(500)) {
			pending = true;
			memcpy(pending_src, src, 4);
			pending_port = sport;
			pending_seq = seq;
		}
	}
	bool answer = flags & TCP_ACK;
	struct ip_route r = {0};
	r.src = answer ? victim_ip : src;
	r.dst = answer ? src : victim_ip;
	r.ttl = answer ? 64 : (uint8_t)rng_range(40, 250);
	r.ip_id = (uint16_t)rng_u32();
	uint8_t *frame = frame_begin();
	uint8_t *ip = answer ? put_ethernet(frame, router_mac, victim_mac, ETHERTYPE_IPV4)
			     : put_ethernet(frame, victim_mac, router_mac, ETHERTYPE_IPV4);
	uint8_t *tcp = ip + 20;
	put16(tcp, answer ? 80 : sport);
	put16(tcp + 2, answer ? sport : 80);
	put32(tcp + 4, seq);
	put32(tcp + 8, ack);
	tcp[12] = 5 << 4;
	tcp[13] = flags;
	put16(tcp + 14, answer ? 64240 : 1024);
	put16(tcp + 18, 0);
	frame_commit(ETH_HEADER_LEN + ip_finish(ip, &r, PROTO_TCP, 20));
	now_us += rng_range(1, 3);
}

/* ------------------------------------------------------------------ */
/* Command line. */

struct options {
	uint64_t packets;
	uint32_t snaplen;
	uint64_t flows;
	uint64_t seed;
	const char *output;
	bool flood;
};

static void usage(FILE *to)
{
	fputs("usage: gen_capture -n PACKETS [-s SNAPLEN] [-f FLOWS] [--seed N] [--flood] [--public-clients] -o FILE|-\n"
	      "  writes a deterministic pcap of realistic mixed traffic\n"
	      "  -s SNAPLEN  cut packets to this many bytes (default 65535)\n"
	      "  -f FLOWS    concurrent sessions interleaved (default PACKETS/20)\n"
	      "  --seed N    random seed (default 1)\n"
	      "  --flood     a SYN flood instead: random sources, one flow per SYN\n"
	      "  --public-clients  clients on public addresses (81.x.y.z), not 10/8 and 192.168/16\n",
	      to);
}

static uint64_t parse_number(const char *text, const char *what)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(text ? text : "", &end, 10);
	if (!text || !*text || *end || errno || text[0] == '-') {
		fprintf(stderr, "gen_capture: bad %s: '%s'\n", what, text ? text : "");
		usage(stderr);
		exit(2);
	}
	return v;
}

static struct options parse_options(int argc, char **argv)
{
	struct options o = {0, 65535, 0, 1, NULL, false};
	for (int i = 1; i < argc; i += 2) { /* every option but --flood takes one value */
		const char *arg = argv[i], *value = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			usage(stdout);
			exit(0);
		}
		if (!strcmp(arg, "--flood")) {
			o.flood = true;
			i--;
			continue;
		}
		if (!strcmp(arg, "--public-clients")) {
			public_clients = true;
			i--;
			continue;
		}
		if (!strcmp(arg, "-o")) {
			o.output = value;
		} else if (!strcmp(arg, "-n")) {
			o.packets = parse_number(value, "packet count");
		} else if (!strcmp(arg, "-s")) {
			o.snaplen = (uint32_t)clamp_u32(parse_number(value, "snaplen"), 0, 262144);
		} else if (!strcmp(arg, "-f")) {
			o.flows = parse_number(value, "flow count");
		} else if (!strcmp(arg, "--seed")) {
			o.seed = parse_number(value, "seed");
		} else {
			fprintf(stderr, "gen_capture: unknown argument '%s'\n", arg);
			usage(stderr);
			exit(2);
		}
	}
	if (!o.packets || !o.output || o.snaplen < ETH_HEADER_LEN) {
		usage(stderr);
		exit(2);
	}
	return o;
}

static FILE *open_output(const char *path)
{
	if (!strcmp(path, "-"))
		return stdout;
	FILE *f = fopen(path, "wb");
	if (!f) {
		fprintf(stderr, "gen_capture: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	return f;
}

static void build_world(uint32_t flows)
{
	make_clients(clamp_u32(flows / 20, 50, 200000));
	make_private_servers(clamp_u32(flows / 400, 8, 2000));
	make_public_servers(clamp_u32(flows / 8, 100, 1000000));
	make_infrastructure();
	pools_create(flows);
	start_mid_connection(pool.tcp4, pool.count[KIND_TCP4], false);
	start_mid_connection(pool.tcp6, pool.count[KIND_TCP6], true);
}

int main(int argc, char **argv)
{
	struct options o = parse_options(argc, argv);
	uint32_t flows = clamp_u32(o.flows ? o.flows : o.packets / 20, 1, 4000000);
	rng_state = o.seed * 0x2545f4914f6cdd1dULL + 0x1234567;
	now_us = (uint64_t)CAPTURE_EPOCH_SEC * 1000000;
	out.buf = malloc(OUT_BUFFER_SIZE);
	if (!out.buf)
		die("out of memory");
	out.snaplen = o.snaplen;
	if (!o.flood)
		build_world(flows);
	out.file = open_output(o.output);
	out_write_file_header();
	for (uint64_t i = 0; i < o.packets; i++) {
		if (o.flood) {
			flood_packet();
			continue;
		}
		clock_advance();
		emit_next_packet();
	}
	out_flush();
	if (fflush(out.file) != 0 || (out.file != stdout && fclose(out.file) != 0))
		die(strerror(errno));
	return 0;
}
