/*
 * test_flow_frame.c - np_flow_observe_frame (the flow path's shortcut past
 * the decoder) against np_decode + np_flow_observe, packet by packet: for
 * every packet it takes, the observation must be the decoder's, field by
 * field. Packets: TCP and UDP over IPv4 and IPv6, with and without a VLAN
 * tag, built here; each cut at every length and each header byte set to
 * values that make it invalid, truncated, a fragment or another protocol;
 * then every Ethernet packet of the shared corpus (tcpdump's captures,
 * many fuzzed), when it is there, cut and mutated the same way.
 */
#include <glob.h>
#include <pcap/pcap.h>
#include <string.h>
#include <sys/stat.h>

#include "../../src/decode/packet.h"
#include "../../src/flow/flow.h"
#include "check.h"

static np_flow_frags *fast_fc, *full_fc;
static np_packet pkt;
static unsigned long compared, taken, mismatched;

static bool same_obs(const np_flow_obs *a, const np_flow_obs *b)
{
	return memcmp(&a->k, &b->k, sizeof(a->k)) == 0 && a->ts_us == b->ts_us && a->hash == b->hash &&
	       a->bytes == b->bytes && a->plen == b->plen && a->flags == b->flags && a->status == b->status &&
	       a->late == b->late && (!a->plen || a->payload == b->payload);
}

/* One packet of caplen bytes (an exact-size copy, so ASan sees overreads). */
static void compare(const uint8_t *data, uint32_t caplen, uint32_t wirelen, bool want_payload)
{
	uint8_t *c = cut_copy(data, caplen);
	np_flow_obs fast, full[NP_FLOW_OBS_MAX], rest[NP_FLOW_HOLD];
	int64_t ts = 1700000000123456LL;
	compared++;
	if (np_flow_observe_frame(fast_fc, NP_DLT_EN10MB, c, caplen, wirelen, ts, want_payload, &fast)) {
		taken++;
		np_decode(&pkt, NP_DLT_EN10MB, c, caplen, wirelen);
		unsigned n = np_flow_observe(full_fc, &pkt, ts, want_payload, full);
		np_flow_frags_release(full_fc, rest);
		if (n != 1 || !same_obs(&fast, &full[0])) {
			if (mismatched++ < 5)
				fprintf(stderr, "flow_frame: observation differs from the decoder's (caplen %u)\n",
					caplen);
		}
	}
	free(c);
}

static uint32_t rng = 12345;
static uint32_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

/* The packet whole, cut at every length up to its headers, and with each
 * header byte (or `tries` random ones) changed. */
static void variations(const uint8_t *data, uint32_t caplen, uint32_t wirelen, unsigned header, unsigned tries)
{
	static uint8_t m[65536 + 64];
	if (caplen > 65536)
		return;
	compare(data, caplen, wirelen, true);
	compare(data, caplen, wirelen, false);
	for (uint32_t cut = 0; cut < caplen && cut <= header + 2; cut++)
		compare(data, cut, wirelen, true);
	static const uint8_t values[] = {0x00, 0x01, 0x05, 0x06, 0x11, 0x20, 0x3f,
					 0x40, 0x45, 0x4f, 0x50, 0x60, 0x81, 0xff};
	unsigned span = header < caplen ? header : caplen;
	for (unsigned t = 0; span && t < tries; t++) {
		memcpy(m, data, caplen);
		unsigned at = tries >= span * sizeof(values) ? t / sizeof(values) : next_rand() % span;
		if (at >= span)
			break;
		m[at] = values[tries >= span * sizeof(values) ? t % sizeof(values) : next_rand() % sizeof(values)];
		compare(m, caplen, wirelen, true);
		compare(m, caplen, next_rand() % (caplen + 8), true); /* wire length unlike the capture's */
	}
}

/* A frame: Ethernet, optional VLAN, IPv4 or IPv6, TCP or UDP, payload. */
static uint32_t build(uint8_t *f, bool vlan, int family, uint8_t proto, uint16_t payload)
{
	memset(f, 0, 256);
	memcpy(f, "\2\0\0\0\0\1\2\0\0\0\0\2", 12);
	uint8_t *p = f + 12;
	if (vlan) {
		memcpy(p, "\x81\x00\x20\x07", 4);
		p += 4;
	}
	memcpy(p, family == 4 ? "\x08\x00" : "\x86\xdd", 2);
	uint8_t *ip = p + 2;
	uint32_t l4len = (proto == 6 ? 20u : 8u) + payload, iph = family == 4 ? 20 : 40;
	if (family == 4) {
		ip[0] = 0x45;
		ip[2] = (uint8_t)((iph + l4len) >> 8), ip[3] = (uint8_t)(iph + l4len);
		ip[8] = 64, ip[9] = proto;
		ip[12] = 10, ip[15] = 1, ip[16] = 192, ip[17] = 168, ip[19] = 7;
	} else {
		ip[0] = 0x60;
		ip[4] = (uint8_t)(l4len >> 8), ip[5] = (uint8_t)l4len;
		ip[6] = proto, ip[7] = 64;
		ip[8] = 0x20, ip[9] = 0x01, ip[23] = 1, ip[24] = 0xfe, ip[25] = 0x80, ip[39] = 9;
	}
	uint8_t *l4 = ip + iph;
	l4[0] = 0xc3, l4[1] = 0x50, l4[2] = 0, l4[3] = 80;
	if (proto == 6) {
		l4[12] = 0x50, l4[13] = 0x18;
	} else {
		l4[4] = (uint8_t)(l4len >> 8), l4[5] = (uint8_t)l4len;
	}
	for (uint16_t i = 0; i < payload; i++)
		l4[(proto == 6 ? 20 : 8) + i] = (uint8_t)i;
	return (uint32_t)(l4 - f) + l4len;
}

static void test_built(void)
{
	uint8_t f[256];
	for (int vlan = 0; vlan < 2; vlan++)
		for (int family = 4; family <= 6; family += 2)
			for (int tcp = 0; tcp < 2; tcp++)
				for (uint16_t payload = 0; payload <= 40; payload += 40) {
					uint32_t len = build(f, vlan, family, tcp ? 6 : 17, payload);
					unsigned header =
						14u + (vlan ? 4u : 0u) + (family == 4 ? 20u : 40u) + (tcp ? 20u : 8u);
					unsigned before = (unsigned)taken;
					variations(f, len, len, header, header * 14);
					variations(f, len, len + 100, header, 50); /* cut by a snaplen */
					CHECK(taken > before);                     /* the shortcut took some */
				}
	CHECK(mismatched == 0);
}

/* Every Ethernet capture of the corpus. */
static unsigned long corpus_files;

static void visit(const char *path)
{
	char err[PCAP_ERRBUF_SIZE];
	pcap_t *p = pcap_open_offline(path, err);
	if (!p)
		return;
	if (pcap_datalink(p) == DLT_EN10MB) {
		corpus_files++;
		struct pcap_pkthdr *h;
		const u_char *d;
		for (int i = 0; i < 400 && pcap_next_ex(p, &h, &d) == 1; i++)
			variations(d, h->caplen, h->len, 74, i < 50 ? 40 : 4);
	}
	pcap_close(p);
}

static void test_corpus(void)
{
	const char *dir = "../shared/corpus";
	struct stat st;
	if (stat(dir, &st) != 0) {
		printf("flow_frame: %s absent, corpus part skipped\n", dir);
		return;
	}
	static const char *patterns[] = {"*.pcap",   "*/*.pcap",   "*/*/*.pcap",   "*/*/*/*.pcap",
					 "*.pcapng", "*/*.pcapng", "*/*/*.pcapng", "*/*/*/*.pcapng"};
	glob_t g;
	memset(&g, 0, sizeof(g));
	for (size_t i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++) {
		char pattern[256];
		snprintf(pattern, sizeof(pattern), "%s/%s", dir, patterns[i]);
		glob(pattern, i ? GLOB_APPEND : 0, NULL, &g);
	}
	unsigned long before = taken;
	for (size_t i = 0; i < g.gl_pathc; i++)
		visit(g.gl_pathv[i]);
	globfree(&g);
	CHECK(corpus_files > 0 && taken > before);
	CHECK(mismatched == 0);
}

int main(void)
{
	fast_fc = np_flow_frags_new();
	full_fc = np_flow_frags_new();
	test_built();
	test_corpus();
	printf("flow_frame: %lu packets compared, %lu taken by the shortcut, %lu differ\n", compared, taken,
	       mismatched);
	np_flow_frags_free(fast_fc);
	np_flow_frags_free(full_fc);
	return check_summary("flow_frame");
}
