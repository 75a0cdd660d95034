/*
 * test_pipeline.c - the two-thread reader (src/flow/pipeline.c) gives the
 * flow table exactly what the one-thread path gives it: the same flows
 * (keys, counters, times, flags, end reasons, in the same order), the same
 * counters, and the same payloads handed to the payload hook in the same
 * order. On a capture written here that needs many trips round the ring
 * (the reader waits for room), flows ending midway (idle timeout, TCP
 * close), fragments (in order, last first, and later ones whose first
 * never comes: held, then let go), packets that are not IP, an IPv6 jumbogram whose
 * payload is bigger than a chunk; then with a packet count, and on the same
 * file cut in the middle of a record (both paths fail the same way after
 * accounting the same packets). Also a datagram split across two files
 * read one after the other into one table. With a tunnel hook (tunnels
 * in IP, GRE and VXLAN among the packets, and UDP to VXLAN's port that is
 * no VXLAN), the hook opens the same tunnels in the same order as when
 * every decoded packet is handed to it on one thread.
 */
#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/capture/source.h"
#include "../../src/decode/packet.h"
#include "../../src/decode/tunnel.h"
#include "../../src/flow/flow.h"
#include "../../src/flow/pipeline.h"
#include "check.h"

#define JUMBO_PAYLOAD 200000u /* over the pipeline's 128 KiB chunk */

/* ---- what a run produced ---------------------------------------------------- */

struct result {
	np_flow *flows;
	size_t n, cap;
	uint64_t hook_calls, hook_hash, hook_max;
	uint64_t tunnels, tunnel_hash; /* packets whose tunnel opened, and what was in them */
	np_flow_stats stats;
	int rc;
};

static void emit(void *ctx, const np_flow *f)
{
	struct result *r = ctx;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 1024;
		r->flows = realloc(r->flows, r->cap * sizeof(*r->flows));
		if (!r->flows)
			abort();
	}
	r->flows[r->n++] = *f;
}

static void hook(void *ctx, np_flow *f, bool reverse, const uint8_t *p, uint32_t len)
{
	struct result *r = ctx;
	uint64_t h = r->hook_hash ^ (reverse ? 0x9e3779b97f4a7c15ULL : 0) ^ len;
	for (uint32_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	r->hook_hash = h;
	r->hook_calls++;
	if (len > r->hook_max)
		r->hook_max = len;
	f->app = (uint8_t)(1 + p[0] % 5); /* the hook may write to the flow */
}

/* A decoded packet: if a tunnel opens, its time, kind, id and inside. */
static void tunnel_seen(void *ctx, const np_packet *pkt)
{
	struct result *r = ctx;
	static np_packet in;
	np_tunnel t;
	if (!np_tunnel_inner(pkt, &in, &t))
		return;
	r->tunnels++;
	r->tunnel_hash = (r->tunnel_hash ^ (uint64_t)pkt->ts_sec ^ (uint64_t)pkt->ts_frac << 32 ^ t.kind ^
			  (uint64_t)t.id << 8 ^ (uint64_t)in.nlayers << 40) *
			 0x100000001b3ULL;
}

struct direct_ctx {
	np_source *src;
	np_flow_table *t;
	struct result *r;
	np_packet pkt;
};

/* The one-thread path: every packet decoded, and every one to the hook. */
static void direct_one(void *ctx, const struct pcap_pkthdr *h, const uint8_t *data)
{
	struct direct_ctx *d = ctx;
	np_decode(&d->pkt, d->pkt.dlt, data, h->caplen, h->len);
	d->pkt.ts_sec = h->ts.tv_sec;
	d->pkt.ts_frac = (uint32_t)h->ts.tv_usec;
	tunnel_seen(d->r, &d->pkt);
	np_flow_table_add(d->t, &d->pkt, np_source_packet_us(d->src, h));
}

static void run(const char *path, long count, bool pipeline, struct result *r)
{
	memset(r, 0, sizeof(*r));
	np_source src;
	if (np_source_open_file(&src, path, false) != 0) {
		fprintf(stderr, "%s\n", src.err);
		r->rc = -99;
		return;
	}
	np_flow_config cfg = {
		.idle_timeout_s = 2, .max_flows = 100000, .payload_fn = hook, .payload_ctx = r, .batch = true};
	np_flow_table *t = np_flow_table_new(&cfg, emit, r);
	if (pipeline) {
		np_pipeline_hooks hooks = {.tunnel = tunnel_seen, .ctx = r};
		r->rc = np_flow_pipeline_run(&src, count, t, true, &hooks);
	} else {
		static struct direct_ctx d;
		d.src = &src;
		d.t = t;
		d.r = r;
		d.pkt.dlt = src.dlt;
		r->rc = np_source_loop(&src, count, direct_one, &d);
	}
	np_flow_table_flush(t, NP_END_EOF);
	r->stats = *np_flow_table_stats(t);
	np_flow_table_free(t);
	np_source_close(&src);
}

/* Member by member: np_flow_dir has padding, whose bytes memcmp would compare. */
static bool same_dir(const np_flow_dir *a, const np_flow_dir *b)
{
	return a->first_us == b->first_us && a->last_us == b->last_us && a->bytes == b->bytes &&
	       a->packets == b->packets && a->initial_flags == b->initial_flags && a->session_flags == b->session_flags;
}

static bool same_flow(const np_flow *a, const np_flow *b)
{
	return memcmp(&a->key, &b->key, sizeof(a->key)) == 0 && same_dir(&a->fwd, &b->fwd) &&
	       same_dir(&a->rev, &b->rev) && a->end_reason == b->end_reason && a->app == b->app &&
	       a->tcp_state == b->tcp_state;
}

static void compare(const char *what, const struct result *a, const struct result *b)
{
	CHECK(a->rc == b->rc);
	CHECK(a->n == b->n);
	CHECK(a->n > 0);
	size_t differ = 0;
	for (size_t i = 0; i < a->n && i < b->n; i++)
		if (!same_flow(&a->flows[i], &b->flows[i]))
			differ++;
	CHECK(differ == 0);
	CHECK(memcmp(&a->stats, &b->stats, sizeof(a->stats)) == 0);
	CHECK(a->hook_calls == b->hook_calls);
	CHECK(a->hook_hash == b->hook_hash);
	CHECK(a->tunnels == b->tunnels);
	CHECK(a->tunnel_hash == b->tunnel_hash);
	if (a->n != b->n || differ || a->hook_hash != b->hook_hash)
		fprintf(stderr, "%s: %zu vs %zu flows, %zu differ, %llu vs %llu hook calls\n", what, a->n, b->n, differ,
			(unsigned long long)a->hook_calls, (unsigned long long)b->hook_calls);
}

/* ---- the capture ------------------------------------------------------------ */

static uint32_t rnd_state = 12345;
static uint32_t rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return rnd_state >> 8;
}

static uint8_t frame[JUMBO_PAYLOAD + 256];

static void put16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* Ethernet + IPv4 from 10.9.<a/256>.<a%256> to 10.8.0.<b>, TCP or UDP with
 * `payload` bytes (a later fragment when frag_off > 0). Returns its size. */
static size_t ip4_frame(uint32_t a, uint32_t b, uint8_t proto, uint16_t sp, uint16_t dp, uint8_t flags,
			uint32_t payload, uint16_t frag)
{
	memset(frame, 0, 64);
	memcpy(frame, "\2\0\0\0\0\1\2\0\0\0\0\2\x08\x00", 14);
	uint8_t *ip = frame + 14, *l4 = ip + 20;
	bool later = (frag & 0x1fff) != 0;
	uint32_t l4len = later ? 0 : proto == 6 ? 20 : 8;
	ip[0] = 0x45;
	put16(ip + 2, 20 + l4len + payload);
	put16(ip + 4, (uint16_t)(a * 7 + b));
	put16(ip + 6, frag);
	ip[8] = 64;
	ip[9] = proto;
	ip[12] = 10, ip[13] = 9, ip[14] = (uint8_t)(a >> 8), ip[15] = (uint8_t)a;
	ip[16] = 10, ip[17] = 8, ip[19] = (uint8_t)b;
	if (!later) {
		put16(l4, sp);
		put16(l4 + 2, dp);
		if (proto == 6) {
			l4[12] = 0x50;
			l4[13] = flags;
		} else {
			put16(l4 + 4, 8 + payload);
		}
	}
	uint8_t *pl = l4 + l4len;
	for (uint32_t i = 0; i < payload; i++)
		pl[i] = (uint8_t)(rnd() & 0x7f);
	return (size_t)(pl + payload - frame);
}

/* A tunnel packet from 10.9.<a> to 10.8.0.<b>: kind 0 IP in IP, 1 GRE, 2
 * VXLAN (VNI a), all carrying a TCP SYN+ACK; 3 UDP to VXLAN's port with
 * random bytes. Returns its size. */
static size_t tunnel_frame(uint32_t a, uint32_t b, int kind)
{
	static uint8_t inner[128];
	size_t n = ip4_frame(b, a, 6, 80, (uint16_t)(20000 + a), 0x12, 0, 0);
	memcpy(inner, frame, n);
	uint32_t ipn = (uint32_t)n - 14; /* the inner packet from its IP header */
	if (kind == 3)
		return ip4_frame(a, b, 17, 5000, 4789, 0, rnd() % 40, 0);
	if (kind == 2) {
		size_t len = ip4_frame(a, b, 17, (uint16_t)(40000 + a), 4789, 0, 8 + (uint32_t)n, 0);
		uint8_t *vx = frame + 14 + 20 + 8;
		memset(vx, 0, 8);
		vx[0] = 0x08;
		vx[5] = (uint8_t)a;
		memcpy(vx + 8, inner, n);
		return len;
	}
	uint32_t gre = kind == 1 ? 4 : 0;
	size_t len = ip4_frame(a, b, 17, 1, 1, 0, gre + ipn - 8, 0); /* then the UDP header is overwritten */
	uint8_t *ip = frame + 14, *l4 = ip + 20;
	ip[9] = kind == 1 ? 47 : 4;
	if (gre) {
		memset(l4, 0, 4);
		put16(l4 + 2, 0x0800);
	}
	memcpy(l4 + gre, inner + 14, ipn);
	return len;
}

/* An IPv6 UDP jumbogram (RFC 2675: hop-by-hop jumbo option, payload length
 * and UDP length 0) of JUMBO_PAYLOAD bytes. */
static size_t jumbo_frame(void)
{
	memset(frame, 0, 128);
	memcpy(frame, "\2\0\0\0\0\1\2\0\0\0\0\2\x86\xdd", 14);
	uint8_t *ip = frame + 14, *hbh = ip + 40, *udp = hbh + 8;
	ip[0] = 0x60;
	ip[6] = 0; /* hop-by-hop */
	ip[7] = 64;
	ip[8] = 0xfd, ip[23] = 1;
	ip[24] = 0xfd, ip[39] = 2;
	uint32_t jl = 8 + 8 + JUMBO_PAYLOAD;
	hbh[0] = 17;
	hbh[1] = 0;
	hbh[2] = 0xc2;
	hbh[3] = 4;
	hbh[4] = (uint8_t)(jl >> 24), hbh[5] = (uint8_t)(jl >> 16), hbh[6] = (uint8_t)(jl >> 8), hbh[7] = (uint8_t)jl;
	put16(udp, 4000);
	put16(udp + 2, 5000);
	for (uint32_t i = 0; i < JUMBO_PAYLOAD; i++)
		udp[8 + i] = (uint8_t)(i * 31);
	return 14 + 40 + 8 + 8 + JUMBO_PAYLOAD;
}

/* fragments: with fragments (then most packets are decoded: a held
 * fragment turns the reader's shortcut off), or without (so that tunnel
 * packets are also found among packets the shortcut reads). */
static void write_capture(const char *path, bool fragments)
{
	pcap_t *dead = pcap_open_dead(DLT_EN10MB, 262144);
	pcap_dumper_t *d = pcap_dump_open(dead, path);
	if (!d) {
		fprintf(stderr, "%s: %s\n", path, pcap_geterr(dead));
		exit(2);
	}
	struct pcap_pkthdr h;
	int64_t us = 1700000000LL * 1000000;
	for (int i = 0; i < 40000; i++) {
		us += 1000 + rnd() % 200;
		size_t len;
		uint32_t r = rnd() % 100, a = rnd() % 1500, b = 1 + rnd() % 20;
		if (i == 20000 || i == 20001) {
			len = jumbo_frame();
		} else if (i % 97 == 3) {
			len = tunnel_frame(a, b, (int)(rnd() % 4));
		} else if (r < 3) { /* not IP */
			memset(frame, 0, 60);
			memcpy(frame, "\xff\xff\xff\xff\xff\xff\2\0\0\0\0\1\x08\x06", 14);
			len = 60;
		} else if (r < 6 && fragments) { /* a datagram in two fragments, either order, or a later one alone */
			bool last_first = r == 4, alone = r == 5 && i % 7 == 0;
			len = last_first || alone ? ip4_frame(a, b, 17, 0, 0, 0, 100, 6)
						  : ip4_frame(a, b, 17, 1024 + (uint16_t)a, 53, 0, 40, 0x2000);
			h.ts.tv_sec = us / 1000000, h.ts.tv_usec = us % 1000000;
			h.caplen = h.len = (uint32_t)len;
			pcap_dump((u_char *)d, &h, frame);
			us += 10;
			len = last_first ? ip4_frame(a, b, 17, 1024 + (uint16_t)a, 53, 0, 40, 0x2000)
					 : ip4_frame(a, b, 17, 0, 0, 0, 100, 6);
		} else if (r < 50) {
			uint8_t flags = (uint8_t)(r < 10 ? 0x02 : r < 12 ? 0x11 : r < 13 ? 0x04 : 0x18);
			uint32_t pl = flags == 0x18 ? rnd() % (r < 15 ? 60000 : 1400) : 0;
			len = ip4_frame(a, b, 6, (uint16_t)(20000 + a), 80, flags, pl, 0);
		} else {
			len = ip4_frame(a, b, 17, (uint16_t)(30000 + a), 53, 0, rnd() % 300, 0);
		}
		if (i % 10000 == 5000)
			us += 3 * 1000000LL; /* a gap past the idle timeout */
		h.ts.tv_sec = us / 1000000, h.ts.tv_usec = us % 1000000;
		h.caplen = h.len = (uint32_t)len;
		pcap_dump((u_char *)d, &h, frame);
	}
	pcap_dump_close(d);
	pcap_close(dead);
}

/* One packet (the frame built last) into a new capture file. */
static void write_one(const char *path, size_t len, int64_t us)
{
	pcap_t *dead = pcap_open_dead(DLT_EN10MB, 262144);
	pcap_dumper_t *d = pcap_dump_open(dead, path);
	struct pcap_pkthdr h;
	h.ts.tv_sec = us / 1000000, h.ts.tv_usec = us % 1000000;
	h.caplen = h.len = (uint32_t)len;
	pcap_dump((u_char *)d, &h, frame);
	pcap_dump_close(d);
	pcap_close(dead);
}

/* Two files read one after the other into one table (servers -r A -r B):
 * a datagram whose fragments are split between them, either way round,
 * still makes one flow. */
static void test_fragments_across_files(const char *dir)
{
	char a[512], b[512];
	snprintf(a, sizeof(a), "%s.a", dir);
	snprintf(b, sizeof(b), "%s.b", dir);
	for (int last_first = 0; last_first < 2; last_first++) {
		size_t len = last_first ? ip4_frame(7, 7, 17, 0, 0, 0, 100, 6)
					: ip4_frame(7, 7, 17, 4444, 53, 0, 40, 0x2000);
		write_one(a, len, 1700000000LL * 1000000);
		len = last_first ? ip4_frame(7, 7, 17, 4444, 53, 0, 40, 0x2000) : ip4_frame(7, 7, 17, 0, 0, 0, 100, 6);
		write_one(b, len, 1700000001LL * 1000000);
		struct result r;
		memset(&r, 0, sizeof(r));
		np_flow_config cfg = {.batch = true};
		np_flow_table *t = np_flow_table_new(&cfg, emit, &r);
		for (int i = 0; i < 2; i++) {
			np_source src;
			CHECK(np_source_open_file(&src, i ? b : a, false) == 0);
			CHECK(np_flow_pipeline_run(&src, 0, t, false, NULL) == 0);
			np_source_close(&src);
		}
		np_flow_table_flush(t, NP_END_EOF);
		CHECK(r.n == 1 && r.flows[0].key.sport == 4444 && r.flows[0].fwd.packets == 2);
		np_flow_table_free(t);
		free(r.flows);
	}
	unlink(a);
	unlink(b);
}

int main(void)
{
	char path[] = "/tmp/np-test-pipeline-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 2;
	close(fd);
	write_capture(path, true);

	struct result a, b;
	run(path, 0, false, &a);
	run(path, 0, true, &b);
	CHECK(a.rc == 0);
	CHECK(a.stats.packets > 40000);
	CHECK(a.stats.not_ip > 0);
	CHECK(a.hook_max == JUMBO_PAYLOAD); /* the chunk-growing path ran */
	CHECK(a.tunnels > 200);
	compare("whole file", &a, &b);
	free(a.flows);
	free(b.flows);

	run(path, 12345, false, &a);
	run(path, 12345, true, &b);
	CHECK(a.stats.packets == 12345);
	compare("count", &a, &b);
	free(a.flows);
	free(b.flows);

	/* Cut in the middle of a record: both read what is whole, then fail. */
	FILE *f = fopen(path, "rb");
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fclose(f);
	CHECK(truncate(path, size / 2 + 7) == 0);
	run(path, 0, false, &a);
	run(path, 0, true, &b);
	CHECK(a.rc == -1);
	CHECK(a.stats.packets > 1000);
	compare("cut file", &a, &b);
	free(a.flows);
	free(b.flows);

	write_capture(path, false);
	run(path, 0, false, &a);
	run(path, 0, true, &b);
	CHECK(a.rc == 0);
	CHECK(a.tunnels > 200);
	compare("no fragments", &a, &b);
	free(a.flows);
	free(b.flows);

	test_fragments_across_files(path);
	unlink(path);
	return check_summary("pipeline");
}
