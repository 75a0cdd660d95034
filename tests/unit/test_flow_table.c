/*
 * test_flow_table.c - the flow table (src/flow/flow_table.c) on packets
 * built here and decoded by np_decode: idle and active timeouts are exact
 * whatever other traffic does, biflow direction, TCP close, eviction when
 * full loses nothing, and later IPv4 fragments join their datagram's flow,
 * also when they come before the first fragment (held, within limits).
 */
#include <stdlib.h>
#include <string.h>

#include "../../src/decode/packet.h"
#include "../../src/flow/flow.h"
#include "check.h"

#define SEC 1000000LL

/* Flows as they are written, copied out of the callback. */
static np_flow written[64];
static int nwritten;

static void emit(void *ctx, const np_flow *f)
{
	(void)ctx;
	if (nwritten < 64)
		written[nwritten++] = *f;
}

/* Every written flow, into the array given as context. */
static int nall;
static void emit_all(void *ctx, const np_flow *f)
{
	np_flow *all = ctx;
	if (nall < 4096)
		all[nall++] = *f;
}

static np_flow_table *table(uint32_t idle_s, uint32_t active_s, uint32_t max_flows)
{
	np_flow_config cfg = {.idle_timeout_s = idle_s, .active_timeout_s = active_s, .max_flows = max_flows};
	nwritten = 0;
	return np_flow_table_new(&cfg, emit, NULL);
}

static uint16_t ip_cksum(const uint8_t *h)
{
	uint32_t s = 0;
	for (int i = 0; i < 20; i += 2)
		s += (uint32_t)(h[i] << 8 | h[i + 1]);
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

/* Ethernet + IPv4 (+ UDP or TCP header) from 10.0.0.<a>:<sp> to
 * 10.0.0.<b>:<dp>, `payload` bytes after the transport header; frag is the
 * IPv4 fragment field (a later fragment carries no transport header). */
static void add(np_flow_table *t, int64_t ts, uint8_t proto, int a, uint16_t sp, int b, uint16_t dp, uint8_t tcp_flags,
		uint16_t payload, uint16_t frag)
{
	static uint8_t f[4096];
	static np_packet pkt;
	memset(f, 0, sizeof(f));
	memcpy(f, "\2\0\0\0\0\1\2\0\0\0\0\2\x08\x00", 14);
	uint8_t *ip = f + 14, *l4 = ip + 20;
	bool later = (frag & 0x1fff) != 0;
	uint16_t l4len = later ? 0 : proto == 6 ? 20 : 8;
	uint16_t total = (uint16_t)(20 + l4len + payload);
	ip[0] = 0x45;
	ip[2] = (uint8_t)(total >> 8);
	ip[3] = (uint8_t)total;
	ip[4] = 0x12;
	ip[5] = 0x34;
	ip[6] = (uint8_t)(frag >> 8);
	ip[7] = (uint8_t)frag;
	ip[8] = 64;
	ip[9] = proto;
	ip[12] = 10, ip[15] = (uint8_t)a;
	ip[16] = 10, ip[19] = (uint8_t)b;
	uint16_t ck = ip_cksum(ip);
	ip[10] = (uint8_t)(ck >> 8);
	ip[11] = (uint8_t)ck;
	if (!later) {
		l4[0] = (uint8_t)(sp >> 8), l4[1] = (uint8_t)sp;
		l4[2] = (uint8_t)(dp >> 8), l4[3] = (uint8_t)dp;
		if (proto == 6) {
			l4[12] = 0x50;
			l4[13] = tcp_flags;
		} else {
			l4[4] = (uint8_t)((8 + payload) >> 8), l4[5] = (uint8_t)(8 + payload);
		}
	}
	for (uint16_t i = 0; i < payload; i++)
		l4[l4len + i] = (uint8_t)(i + ts);
	uint32_t len = 14u + total;
	np_decode(&pkt, NP_DLT_EN10MB, f, len, len);
	np_flow_table_add(t, &pkt, ts);
}

static void udp(np_flow_table *t, int64_t ts, int a, uint16_t sp, int b, uint16_t dp)
{
	add(t, ts, 17, a, sp, b, dp, 0, 0, 0);
}

static int count_flows(uint16_t sport)
{
	int n = 0;
	for (int i = 0; i < nwritten; i++)
		n += written[i].key.sport == sport || written[i].key.dport == sport;
	return n;
}

/* Idle timeout 1 s: packets of one flow 1.7 s apart are two flows, whether
 * or not other traffic made the table look at its timeouts in between.
 * (The table used to end idle flows only in its once-a-second sweep, so a
 * flow could outlive its idle timeout by up to a second, depending on
 * unrelated packets.) */
static void test_idle_exact(void)
{
	for (int other = 0; other < 2; other++) {
		np_flow_table *t = table(1, 1800, 0);
		if (other)
			udp(t, 0, 3, 2000, 4, 53);
		udp(t, 200000, 1, 1000, 2, 53);
		if (other)
			udp(t, 1 * SEC, 3, 2000, 4, 53);
		udp(t, 1900000, 1, 1000, 2, 53);
		np_flow_table_flush(t, NP_END_EOF);
		CHECK(count_flows(1000) == 2);
		for (int i = 0; i < nwritten; i++)
			if (written[i].key.sport == 1000 && written[i].fwd.first_us == 200000)
				CHECK(written[i].end_reason == NP_END_IDLE && written[i].fwd.packets == 1);
		np_flow_table_free(t);
	}
	/* Just under the timeout: one flow. */
	np_flow_table *t = table(1, 1800, 0);
	udp(t, 0, 1, 1000, 2, 53);
	udp(t, 999999, 1, 1000, 2, 53);
	np_flow_table_flush(t, NP_END_EOF);
	CHECK(nwritten == 1 && written[0].fwd.packets == 2);
	np_flow_table_free(t);
}

/* Active timeout 2 s: a flow with a packet every half second is cut at 2 s. */
static void test_active(void)
{
	np_flow_table *t = table(300, 2, 0);
	for (int i = 0; i <= 8; i++)
		udp(t, i * SEC / 2, 1, 1000, 2, 53);
	np_flow_table_flush(t, NP_END_EOF);
	CHECK(nwritten == 3);
	CHECK(nwritten >= 1 && written[0].end_reason == NP_END_ACTIVE && written[0].fwd.packets == 4);
	np_flow_table_free(t);
}

/* The answer finds the question's flow; forward = the first sender. */
static void test_biflow(void)
{
	np_flow_table *t = table(300, 1800, 0);
	udp(t, 0, 1, 1000, 2, 53);
	udp(t, 1000, 2, 53, 1, 1000);
	udp(t, 2000, 2, 53, 1, 1000);
	np_flow_table_flush(t, NP_END_EOF);
	CHECK(nwritten == 1);
	CHECK(written[0].key.sport == 1000 && written[0].fwd.packets == 1 && written[0].rev.packets == 2);
	CHECK(written[0].fwd.bytes == 28 && written[0].rev.bytes == 56);
	np_flow_table_free(t);
}

/* FIN both ways and the last ACK end a TCP flow; RST ends at once. */
static void test_tcp_close(void)
{
	np_flow_table *t = table(300, 1800, 0);
	add(t, 0, 6, 1, 40000, 2, 80, 0x02, 0, 0);
	add(t, 1, 6, 2, 80, 1, 40000, 0x12, 0, 0);
	add(t, 2, 6, 1, 40000, 2, 80, 0x11, 0, 0);
	add(t, 3, 6, 2, 80, 1, 40000, 0x11, 0, 0);
	CHECK(nwritten == 0);
	add(t, 4, 6, 1, 40000, 2, 80, 0x10, 0, 0);
	CHECK(nwritten == 1 && written[0].end_reason == NP_END_FIN);
	CHECK(written[0].fwd.packets == 3 && written[0].rev.packets == 2);
	CHECK(written[0].fwd.initial_flags == 0x02 && written[0].fwd.session_flags == 0x11);
	add(t, 5, 6, 1, 40001, 2, 80, 0x02, 0, 0);
	add(t, 6, 6, 2, 80, 1, 40001, 0x14, 0, 0);
	CHECK(nwritten == 2 && written[1].end_reason == NP_END_RST);
	np_flow_table_free(t);
}

/* A table of 4 flows fed 40: the least recently active are written early
 * and no packet is lost. */
static void test_eviction(void)
{
	np_flow_table *t = table(300, 1800, 4);
	for (int i = 0; i < 40; i++) {
		udp(t, i * 1000, 1, (uint16_t)(1000 + i % 10), 2, 53);
		udp(t, i * 1000 + 1, 2, 53, 1, (uint16_t)(1000 + i % 10));
	}
	CHECK(np_flow_table_active(t) == 4);
	np_flow_table_flush(t, NP_END_EOF);
	uint64_t pk = 0;
	int evicted = 0;
	for (int i = 0; i < nwritten; i++) {
		pk += written[i].fwd.packets + written[i].rev.packets;
		evicted += written[i].end_reason == NP_END_EVICTED;
	}
	CHECK(pk == 80);
	CHECK(evicted == nwritten - 4);
	CHECK(np_flow_table_stats(t)->evicted == (uint64_t)evicted);
	np_flow_table_free(t);
}

/* Later fragments of a UDP datagram land in the flow of its first one. */
static void test_fragments(void)
{
	np_flow_table *t = table(300, 1800, 0);
	add(t, 0, 17, 1, 5000, 2, 7000, 0, 1472, 0x2000);
	add(t, 1, 17, 1, 0, 2, 0, 0, 528, 1480 / 8);
	np_flow_table_flush(t, NP_END_EOF);
	CHECK(nwritten == 1 && written[0].key.sport == 5000 && written[0].fwd.packets == 2);
	CHECK(nwritten == 1 && written[0].fwd.bytes == 1500 + 548);
	np_flow_table_free(t);
}

/* A later fragment before its first: held, then in the datagram's flow,
 * which starts at the held one's time. */
static void test_fragments_out_of_order(void)
{
	np_flow_table *t = table(300, 1800, 0);
	add(t, 1 * SEC, 17, 1, 0, 2, 0, 0, 528, 1480 / 8);
	add(t, 2 * SEC, 17, 1, 5000, 2, 7000, 0, 1472, 0x2000);
	np_flow_table_flush(t, NP_END_EOF);
	CHECK(nwritten == 1 && written[0].key.sport == 5000 && written[0].fwd.packets == 2);
	CHECK(nwritten == 1 && written[0].fwd.first_us == 1 * SEC && written[0].fwd.last_us == 2 * SEC);
	CHECK(nwritten == 1 && written[0].fwd.bytes == 1500 + 548);
	np_flow_table_free(t);

	/* Its first never comes: let go at the end, with ports 0. */
	t = table(300, 1800, 0);
	add(t, 1 * SEC, 17, 1, 0, 2, 0, 0, 528, 1480 / 8);
	np_flow_table_flush(t, NP_END_EOF);
	CHECK(nwritten == 1 && written[0].key.sport == 0 && written[0].key.dport == 0 && written[0].fwd.packets == 1);
	np_flow_table_free(t);

	/* Held at most 30 s of capture time: a first fragment 31 s later
	 * starts a flow of its own. */
	t = table(300, 1800, 0);
	add(t, 1 * SEC, 17, 1, 0, 2, 0, 0, 528, 1480 / 8);
	add(t, 32 * SEC, 17, 3, 53, 4, 53, 0, 40, 0);
	add(t, 33 * SEC, 17, 1, 5000, 2, 7000, 0, 1472, 0x2000);
	np_flow_table_flush(t, NP_END_EOF);
	int ports0 = 0, ports5000 = 0;
	for (int i = 0; i < nwritten; i++) {
		ports0 += written[i].key.sport == 0 && written[i].fwd.packets == 1;
		ports5000 += written[i].key.sport == 5000 && written[i].fwd.packets == 1;
	}
	CHECK(nwritten == 3 && ports0 == 1 && ports5000 == 1);
	np_flow_table_free(t);

	/* At most NP_FLOW_HOLD held: one more lets the oldest go (ports 0);
	 * the rest join their datagrams when the first fragments come. */
	t = table(300, 1800, 0);
	for (int a = 1; a <= NP_FLOW_HOLD + 1; a++)
		add(t, a, 17, a, 0, 100, 0, 0, 528, 1480 / 8);
	for (int a = 1; a <= NP_FLOW_HOLD + 1; a++)
		add(t, 100 + a, 17, a, 5000, 100, 7000, 0, 1472, 0x2000);
	np_flow_table_flush(t, NP_END_EOF);
	int joined = 0, alone = 0;
	for (int i = 0; i < nwritten; i++) {
		if (written[i].key.sport == 5000 && written[i].fwd.packets == 2)
			joined++;
		else if (written[i].key.src[3] == 1 && written[i].fwd.packets == 1)
			alone++;
	}
	CHECK(nwritten == NP_FLOW_HOLD + 2 && joined == NP_FLOW_HOLD && alone == 2);
	np_flow_table_free(t);

	/* A fragment let go 30 s late does not look like the clock stepping
	 * back, even with an idle timeout shorter than that: a steady flow
	 * beside it stays one flow. */
	t = table(10, 1800, 0);
	for (int s = 0; s <= 60; s++) {
		add(t, s * SEC, 17, 5, 1000, 6, 2000, 0, 50, 0);
		if (s == 1)
			add(t, s * SEC + SEC / 2, 17, 7, 0, 8, 0, 0, 528, 1480 / 8);
	}
	np_flow_table_flush(t, NP_END_EOF);
	int steady = 0, steady_packets = 0;
	for (int i = 0; i < nwritten; i++)
		if (written[i].key.sport == 1000) {
			steady++;
			steady_packets = (int)written[i].fwd.packets;
		}
	CHECK(steady == 1 && steady_packets == 61 && nwritten == 2);
	np_flow_table_free(t);

	/* Nor does a fragment held from before the clock stepped back an hour. */
	t = table(300, 1800, 0);
	add(t, 3600 * SEC + SEC, 17, 7, 0, 8, 0, 0, 528, 1480 / 8);
	for (int s = 0; s < 60; s++)
		add(t, s * SEC, 17, 5, 1000, 6, 2000, 0, 50, 0);
	np_flow_table_flush(t, NP_END_EOF);
	steady = 0;
	for (int i = 0; i < nwritten; i++)
		if (written[i].key.sport == 1000) {
			steady++;
			steady_packets = (int)written[i].fwd.packets;
			CHECK(written[i].end_reason == NP_END_EOF);
		}
	CHECK(steady == 1 && steady_packets == 60);
	np_flow_table_free(t);
}

/* What a payload hook saw: calls and a digest of their arguments. */
static uint64_t hook_calls, hook_digest;
static void hook(void *ctx, np_flow *f, bool reverse, const uint8_t *payload, uint32_t len)
{
	(void)ctx;
	hook_calls++;
	hook_digest = hook_digest * 1099511628211ULL + (uint64_t)(f->key.sport * 2u + reverse) + len;
	for (uint32_t i = 0; i < len; i++)
		hook_digest = hook_digest * 31 + payload[i];
	f->app = (uint8_t)(len & 0x7f); /* the hook may write to the flow */
}

/* A batching table writes exactly the flows an unbatched one writes, in
 * the same order, and a payload hook sees the same calls: 5,000 packets of
 * 60 conversations, TCP flags and payloads (some longer than a batch
 * keeps), idle gaps, a clock step back,
 * a 20-flow table (evictions). */
static void test_batch_same(void)
{
	static np_flow out[2][4096];
	int n[2];
	uint64_t calls[2], digest[2];
	for (int batch = 0; batch < 2; batch++) {
		np_flow_config cfg = {.idle_timeout_s = 2,
				      .active_timeout_s = 5,
				      .max_flows = 20,
				      .batch = batch,
				      .payload_fn = hook};
		hook_calls = hook_digest = 0;
		np_flow_table *t = np_flow_table_new(&cfg, emit_all, out[batch]);
		nall = 0;
		uint64_t r = 42;
		int64_t ts = 1700000000 * SEC;
		for (int i = 0; i < 5000; i++) {
			r = r * 6364136223846793005ULL + 1442695040888963407ULL;
			int c = (int)(r >> 33) % 60;
			ts += (int64_t)((r >> 20) % 300000) + ((r >> 50) % 97 == 0 ? 3 * SEC : 0);
			if (i == 3000)
				ts -= 100 * SEC;
			bool back = (r >> 40) & 1;
			uint8_t fl = (uint8_t)((r >> 44) & 0x17);
			if (c < 30)
				add(t, ts, 6, back ? 2 : 1, back ? 80 : (uint16_t)(1000 + c), back ? 1 : 2,
				    back ? (uint16_t)(1000 + c) : 80, fl, (uint16_t)(c == 7 ? 3000 : c * 7), 0);
			else
				udp(t, ts, back ? 4 : 3, back ? 53 : (uint16_t)(2000 + c), back ? 3 : 4,
				    back ? (uint16_t)(2000 + c) : 53);
		}
		np_flow_table_flush(t, NP_END_EOF);
		n[batch] = nall;
		calls[batch] = hook_calls;
		digest[batch] = hook_digest;
		np_flow_table_free(t);
	}
	CHECK(calls[0] == calls[1] && calls[0] > 1000 && digest[0] == digest[1]);
	CHECK(n[0] == n[1] && n[0] > 100);
	CHECK(n[0] == n[1] && memcmp(out[0], out[1], (size_t)n[0] * sizeof(np_flow)) == 0);
}

int main(void)
{
	test_idle_exact();
	test_active();
	test_biflow();
	test_tcp_close();
	test_eviction();
	test_fragments();
	test_fragments_out_of_order();
	test_batch_same();
	return check_summary("flow_table");
}
