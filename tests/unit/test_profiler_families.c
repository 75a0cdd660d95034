/*
 * test_profiler_families.c - a batch's IPv6 conversations do not change
 * what the profiler (profile/profiler.h) decides of its IPv4 ones: fan-in
 * and the one-way statistics are counted per address family.
 *
 * The case (roles.c's one-way UDP rule): two hosts send DNS queries to
 * 10.0.0.53, again and again, nothing answers; one of them is heard from
 * another host. A
 * request/response service whose client the capture hears would have
 * been heard answering, so 10.0.0.53 is not a server. Queries between
 * IPv6 hosts, added to the same batch after them, must leave that so (the
 * counting of heard senders once lost the IPv4 tuples to the IPv6 ones).
 */
#include "../../src/profile/profiler.h"
#include "check.h"

#define S_US 1000000LL

/* A UDP flow from src:sport to dst:dport: one packet each way when
 * answered, else two packets 1.5 s apart one way (repeated). */
static np_flow udp(uint8_t family, const uint8_t *src, uint16_t sport, const uint8_t *dst, uint16_t dport, int64_t at_s,
		   bool answered)
{
	np_flow f;
	memset(&f, 0, sizeof(f));
	f.key.family = family;
	f.key.proto = 17;
	memcpy(f.key.src, src, family == 4 ? 4 : 16);
	memcpy(f.key.dst, dst, family == 4 ? 4 : 16);
	f.key.sport = sport;
	f.key.dport = dport;
	f.fwd.packets = answered ? 1 : 2;
	f.fwd.bytes = 60 * f.fwd.packets;
	f.fwd.first_us = at_s * S_US;
	f.fwd.last_us = at_s * S_US + (answered ? 0 : 1500000);
	if (answered) {
		f.rev.packets = 1;
		f.rev.bytes = 120;
		f.rev.first_us = f.rev.last_us = at_s * S_US + 1000;
	}
	return f;
}

static const uint8_t a4[4] = {10, 0, 0, 1}, b4[4] = {10, 0, 0, 2}, x4[4] = {10, 0, 0, 9}, r4[4] = {10, 0, 0, 53};
static const uint8_t c6[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 1}, d6[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 2},
		     r6[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 0x53};

/* The IPv4 servers of a batch, as "address/proto/port" lines. */
static void ipv4_servers(bool with_ipv6, char *out, size_t len)
{
	np_profile_config cfg = {false};
	np_profiler *p = np_profiler_new(&cfg);
	np_flow f;
	f = udp(4, x4, 40000, a4, 5000, 1, true); /* 10.0.0.1 is heard (X sends to it) */
	np_profiler_add_flow(p, &f, true);
	f = udp(4, a4, 40001, r4, 53, 2, false);
	np_profiler_add_flow(p, &f, true);
	f = udp(4, b4, 40002, r4, 53, 3, false);
	np_profiler_add_flow(p, &f, true);
	if (with_ipv6) {
		f = udp(6, c6, 40003, r6, 53, 4, false);
		np_profiler_add_flow(p, &f, true);
		f = udp(6, d6, 40004, r6, 53, 5, false);
		np_profiler_add_flow(p, &f, true);
	}
	np_profiler_finish(p);
	size_t n, o = 0;
	const np_server *s = np_profiler_servers(p, &n);
	out[0] = 0;
	for (size_t i = 0; i < n && o < len; i++)
		if (s[i].key.family == 4)
			o += (size_t)snprintf(out + o, len - o, "%u.%u.%u.%u/%u/%u %s\n", s[i].key.addr[0],
					      s[i].key.addr[1], s[i].key.addr[2], s[i].key.addr[3], s[i].key.proto,
					      s[i].key.port, s[i].evidence);
	np_profiler_free(p);
}

int main(void)
{
	char alone[2048], mixed[2048];
	ipv4_servers(false, alone, sizeof(alone));
	ipv4_servers(true, mixed, sizeof(mixed));
	CHECK(strstr(alone, "10.0.0.53/17/53") == NULL);
	CHECK(strstr(mixed, "10.0.0.53/17/53") == NULL);
	CHECK(strcmp(alone, mixed) == 0);
	if (strcmp(alone, mixed) != 0)
		fprintf(stderr, "IPv4 alone:\n%swith IPv6:\n%s", alone, mixed);
	return check_summary("profiler_families");
}
