/*
 * test_profiler_reset.c - a profiler emptied by np_profiler_reset (watch
 * keeps its batches' profilers from one commit to the next) decides the
 * next batch as a new profiler would: the same servers with the same
 * counts, clients and evidence, whatever the batch before held (more
 * conversations, so its room is kept; far fewer, so most is given back;
 * an FTP announcement, which must not outlive its batch).
 */
#include "../../src/profile/profiler.h"
#include "check.h"

#define S_US 1000000LL

/* A TCP conversation from client 10.0.(c/250).(c%250+1):port to
 * 192.0.2.(srv) port dport: a full handshake and some bytes. */
static np_flow tcp(unsigned c, uint16_t port, uint8_t srv, uint16_t dport, int64_t at_s)
{
	np_flow f;
	memset(&f, 0, sizeof(f));
	f.key.family = 4;
	f.key.proto = 6;
	f.key.src[0] = 10;
	f.key.src[2] = (uint8_t)(c / 250);
	f.key.src[3] = (uint8_t)(c % 250 + 1);
	f.key.dst[0] = 192;
	f.key.dst[2] = 2;
	f.key.dst[3] = srv;
	f.key.sport = port;
	f.key.dport = dport;
	f.fwd.packets = 5;
	f.fwd.bytes = 400;
	f.fwd.first_us = at_s * S_US;
	f.fwd.last_us = at_s * S_US + 2000;
	f.fwd.initial_flags = 0x02;
	f.fwd.session_flags = 0x18;
	f.rev.packets = 4;
	f.rev.bytes = 3000;
	f.rev.first_us = at_s * S_US + 500;
	f.rev.last_us = at_s * S_US + 1500;
	f.rev.initial_flags = 0x12;
	f.rev.session_flags = 0x18;
	return f;
}

/* Batch `which` of a run: n conversations to a few servers, an FTP
 * control session still open (uncounted) and a passive data connection
 * on a port of the batch's own. The even batches announce it (227); the
 * odd ones do not, and their data connection is tied by its shape, unless
 * an announcement of a batch before is still held. */
static void fill(np_profiler *p, unsigned which, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		np_flow f = tcp(i + which, (uint16_t)(40000 + i % 20000), (uint8_t)(1 + i % 7),
				i % 3 ? 443 : (uint16_t)(8000 + which), 10 + i % 50);
		np_profiler_add_flow(p, &f, true);
	}
	np_flow f = tcp(7, 40999, 9, 21, 20);
	np_profiler_add_active(p, &f, true);
	if (which % 2 == 0) {
		char line[64];
		int len = snprintf(line, sizeof(line), "227 Entering Passive Mode (192,0,2,9,200,%u)", 10 + which);
		np_profiler_payload(p, &f, true, (const uint8_t *)line, (uint32_t)len);
	}
	np_flow d = tcp(7, 41000, 9, (uint16_t)(200 * 256 + 10 + which), 21);
	np_profiler_add_flow(p, &d, true);
}

/* The decided servers, as text: every field the inventory is given. */
static size_t servers_text(np_profiler *p, char *out, size_t len)
{
	np_profiler_finish(p);
	size_t n, o = 0;
	const np_server *s = np_profiler_servers(p, &n);
	out[0] = 0;
	for (size_t i = 0; i < n && o < len; i++) {
		o += (size_t)snprintf(out + o, len - o,
				      "%u.%u/%u/%u %s %lld-%lld %llu %llu %llu %d %.3f %s [%s] %u:", s[i].key.addr[2],
				      s[i].key.addr[3], s[i].key.proto, s[i].key.port,
				      s[i].service ? s[i].service : "-", (long long)s[i].first_us,
				      (long long)s[i].last_us, (unsigned long long)s[i].flows,
				      (unsigned long long)s[i].packets, (unsigned long long)s[i].bytes, s[i].confirmed,
				      s[i].confidence, s[i].evidence, s[i].ties, s[i].nclients);
		for (uint32_t c = 0; c < s[i].nclients && o < len; c++)
			o += (size_t)snprintf(out + o, len - o, " %u.%u/%u", s[i].clients[c].addr[2],
					      s[i].clients[c].addr[3], s[i].clients[c].flows);
		if (o < len)
			out[o++] = '\n';
	}
	if (o >= len)
		o = len - 1;
	out[o] = 0;
	return n;
}

int main(void)
{
	enum { LEN = 1 << 20 };
	char *want = malloc(LEN), *got = malloc(LEN);
	np_profile_config cfg = {false};
	np_profiler *kept = np_profiler_new(&cfg);
	/* batch sizes: growing, then far smaller (room given back), then
	 * growing again */
	static const unsigned sizes[] = {300, 5000, 6000, 40, 3, 0, 2000, 7};
	for (unsigned b = 0; b < sizeof(sizes) / sizeof(sizes[0]); b++) {
		np_profiler *fresh = np_profiler_new(&cfg);
		fill(fresh, b, sizes[b]);
		size_t nwant = servers_text(fresh, want, LEN);
		np_profiler_free(fresh);
		fill(kept, b, sizes[b]);
		size_t ngot = servers_text(kept, got, LEN);
		CHECK(nwant == ngot);
		CHECK(strcmp(want, got) == 0);
		CHECK(strstr(got, "ftp-data:passive") != NULL); /* announced or by shape */
		np_profiler_reset(kept);
		size_t n;
		CHECK(np_profiler_servers(kept, &n) == NULL && n == 0);
	}
	np_profiler_free(kept);
	free(want);
	free(got);
	return check_summary("profiler_reset");
}
