/*
 * analyze.c - the helpers explain and anomalies share (see analyze.h).
 */
#include "analyze.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../util/bytes.h"

void np_analyze_time(int64_t sec, uint32_t frac, bool nano, char *buf, size_t len)
{
	time_t t = (time_t)sec;
	struct tm tmv;
	if (((uint32_t)sec & 0x80000000u) || !localtime_r(&t, &tmv)) {
		snprintf(buf, len, "[Error converting time]");
		return;
	}
	char hms[16];
	if (!strftime(hms, sizeof(hms), "%H:%M:%S", &tmv))
		hms[0] = '\0';
	snprintf(buf, len, nano ? "%s.%09u" : "%s.%06u", hms, frac);
}

void np_analyze_addr(const uint8_t *a, int alen, char *buf, size_t len)
{
	if (!inet_ntop(alen == 16 ? AF_INET6 : AF_INET, a, buf, (socklen_t)len))
		snprintf(buf, len, "?");
}

bool np_analyze_ip_addrs(const np_packet *pkt, const uint8_t **src, const uint8_t **dst, int *alen)
{
	if (pkt->ip < 0)
		return false;
	const np_layer *l = &pkt->layer[pkt->ip];
	if (l->kind == NP_LAYER_IP4) {
		*src = l->u.ip4.src;
		*dst = l->u.ip4.dst;
		*alen = 4;
	} else {
		*src = l->u.ip6.src;
		*dst = l->u.ip6.dst;
		*alen = 16;
	}
	return *src && *dst;
}

bool np_analyze_ports(const np_packet *pkt, uint8_t *proto, uint16_t *sport, uint16_t *dport)
{
	if (pkt->l4 < 0)
		return false;
	const np_layer *l = &pkt->layer[pkt->l4];
	if (l->kind == NP_LAYER_TCP && l->status != NP_INVALID && np_has(l->p, l->end, 4)) {
		*proto = 6;
		*sport = l->u.tcp.sport;
		*dport = l->u.tcp.dport;
		return true;
	}
	if (l->kind == NP_LAYER_UDP && l->status != NP_INVALID && np_has(l->p, l->end, 4)) {
		*proto = 17;
		*sport = l->u.udp.sport;
		*dport = l->u.udp.dport;
		return true;
	}
	return false;
}

bool np_analyze_endpoints(const np_packet *pkt, char *src, char *dst, size_t len)
{
	const uint8_t *s, *d;
	int alen;
	if (!np_analyze_ip_addrs(pkt, &s, &d, &alen))
		return false;
	np_analyze_addr(s, alen, src, len);
	np_analyze_addr(d, alen, dst, len);
	uint8_t proto;
	uint16_t sport, dport;
	if (np_analyze_ports(pkt, &proto, &sport, &dport)) {
		size_t n = strlen(src);
		snprintf(src + n, len - n, ".%u", sport);
		n = strlen(dst);
		snprintf(dst + n, len - n, ".%u", dport);
	}
	return true;
}

void np_analyze_json_str(np_out *o, const char *s)
{
	out_char(o, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			out_char(o, '\\');
			out_char(o, (char)c);
		} else if (c < 0x20 || c >= 0x7f) { /* bytes, not UTF-8: each as its Latin-1 code point */
			out_fmt(o, "\\u%04x", c);
		} else {
			out_char(o, (char)c);
		}
	}
	out_char(o, '"');
}

struct analyze_run {
	np_packet pkt;
	uint64_t number;
	np_analyze_fn fn;
	void *ctx;
};

static void analyze_one(void *ctx, const struct pcap_pkthdr *h, const uint8_t *data)
{
	struct analyze_run *run = ctx;
	run->pkt.ts_sec = h->ts.tv_sec;
	run->pkt.ts_frac = (uint32_t)h->ts.tv_usec;
	np_decode(&run->pkt, run->pkt.dlt, data, h->caplen, h->len);
	run->fn(run->ctx, &run->pkt, ++run->number);
}

int np_analyze_source(np_source *src, long count, np_analyze_fn fn, void *ctx)
{
	static struct analyze_run run; /* np_packet is large: not on the stack */
	memset(&run, 0, sizeof(run));
	run.pkt.dlt = src->dlt;
	run.fn = fn;
	run.ctx = ctx;
	return np_source_loop(src, count, analyze_one, &run);
}

int np_analyze_status(const np_source *src, int rc, const np_out *out)
{
	int status = 0;
	if (rc < 0) {
		fprintf(stderr, "netprofile: %s\n", src->err);
		status = 1;
	}
	if (out->failed) {
		fprintf(stderr, "netprofile: cannot write output: %s\n", strerror(out->failed_errno));
		status = 1;
	}
	return status;
}
