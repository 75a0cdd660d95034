/*
 * sflow.c - sFlow version 5 datagrams (UDP 6343) as tcpdump 4.99's
 * print-sflow.c writes them: the agent line, and with -v every sample
 * (flow, counter and their expanded forms) with its records: generic,
 * Ethernet, 100BaseVG, VLAN and processor counters; raw packet header,
 * Ethernet frame and extended switch flow records (the others named).
 *
 * Not for: decoding the sampled packet headers themselves (tcpdump prints
 * only their sizes), or sFlow versions before 5.
 */
#include <inttypes.h>

#include "print.h"

#define SFLOW_V4_HDR 28
#define SFLOW_V6_HDR 40

enum { FLOW_SAMPLE = 1, COUNTER_SAMPLE = 2, EXP_FLOW_SAMPLE = 3, EXP_COUNTER_SAMPLE = 4 };

static const np_tok sflow_format_names[] = {
	{FLOW_SAMPLE, "flow sample"},
	{COUNTER_SAMPLE, "counter sample"},
	{EXP_FLOW_SAMPLE, "expanded flow sample"},
	{EXP_COUNTER_SAMPLE, "expanded counter sample"},
	{0, NULL},
};

static const np_tok sflow_flow_type_names[] = {
	{1, "Raw packet"},
	{2, "Ethernet frame"},
	{3, "IPv4 Data"},
	{4, "IPv6 Data"},
	{1001, "Extended Switch data"},
	{1002, "Extended Router data"},
	{1003, "Extended Gateway data"},
	{1004, "Extended User data"},
	{1005, "Extended URL data"},
	{1006, "Extended MPLS data"},
	{1007, "Extended NAT data"},
	{1008, "Extended MPLS tunnel"},
	{1009, "Extended MPLS VC"},
	{1010, "Extended MPLS FEC"},
	{1011, "Extended MPLS LVP FEC"},
	{1012, "Extended VLAN Tunnel"},
	{0, NULL},
};

static const np_tok sflow_raw_protocol_names[] = {{1, "Ethernet"}, {11, "IPv4"}, {12, "IPv6"}, {0, NULL}};

static const np_tok sflow_counter_type_names[] = {
	{1, "Generic counter"},
	{2, "Ethernet counter"},
	{3, "Token ring counter"},
	{4, "100 BaseVG counter"},
	{5, "Vlan counter"},
	{1001, "Processor counter"},
	{0, NULL},
};

static const np_tok sflow_direction_names[] = {
	{0, "unknown"}, {1, "full-duplex"}, {2, "half-duplex"}, {3, "in"}, {4, "out"}, {0, NULL},
};

/* Field readers for bytes a NP_CHECK has just shown to be captured. */
static uint32_t f32(const uint8_t *p, unsigned off)
{
	p += off;
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static uint64_t f64(const uint8_t *p, unsigned off)
{
	return ((uint64_t)f32(p, off) << 32) | f32(p, off + 4);
}

/* Status of the record and sample printers. */
enum { SF_OK = 0, SF_INVALID = 1, SF_STOPPED = 2 };

/* One counter record of a known type at p with len bytes left. */
static int print_sflow_counter(np_printer *pr, uint32_t type, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	switch (type) {
	case 1: /* generic interface counters */
		if (len < 88)
			return SF_INVALID;
		NP_CHECK(p, end, 20);
		out_fmt(o, "\n\t      ifindex %u, iftype %u, ifspeed %" PRIu64 ", ifdirection %u (%s)", f32(p, 0),
			f32(p, 4), f64(p, 8), f32(p, 16), tok2str(sflow_direction_names, "Unknown", f32(p, 16)));
		NP_CHECK(p, end, 24);
		out_fmt(o, "\n\t      ifstatus %u, adminstatus: %s, operstatus: %s", f32(p, 20),
			f32(p, 20) & 1 ? "up" : "down", (f32(p, 20) >> 1) & 1 ? "up" : "down");
		NP_CHECK(p, end, 48);
		out_fmt(o,
			"\n\t      In octets %" PRIu64
			", unicast pkts %u, multicast pkts %u, broadcast pkts %u, discards %u",
			f64(p, 24), f32(p, 32), f32(p, 36), f32(p, 40), f32(p, 44));
		NP_CHECK(p, end, 56);
		out_fmt(o, "\n\t      In errors %u, unknown protos %u", f32(p, 48), f32(p, 52));
		NP_CHECK(p, end, 80);
		out_fmt(o,
			"\n\t      Out octets %" PRIu64
			", unicast pkts %u, multicast pkts %u, broadcast pkts %u, discards %u",
			f64(p, 56), f32(p, 64), f32(p, 68), f32(p, 72), f32(p, 76));
		NP_CHECK(p, end, 88);
		out_fmt(o, "\n\t      Out errors %u, promisc mode %u", f32(p, 80), f32(p, 84));
		break;
	case 2: /* Ethernet */
		if (len < 52)
			return SF_INVALID;
		NP_CHECK(p, end, 20);
		out_fmt(o,
			"\n\t      align errors %u, fcs errors %u, single collision %u, multiple collision %u, test "
			"error %u",
			f32(p, 0), f32(p, 4), f32(p, 8), f32(p, 12), f32(p, 16));
		NP_CHECK(p, end, 36);
		out_fmt(o, "\n\t      deferred %u, late collision %u, excessive collision %u, mac trans error %u",
			f32(p, 20), f32(p, 24), f32(p, 28), f32(p, 32));
		NP_CHECK(p, end, 52);
		out_fmt(o, "\n\t      carrier error %u, frames too long %u, mac receive errors %u, symbol errors %u",
			f32(p, 36), f32(p, 40), f32(p, 44), f32(p, 48));
		break;
	case 3: break; /* token ring: nothing printed */
	case 4:        /* 100BaseVG */
		if (len < 80)
			return SF_INVALID;
		NP_CHECK(p, end, 12);
		out_fmt(o, "\n\t      in high prio frames %u, in high prio octets %" PRIu64, f32(p, 0), f64(p, 4));
		NP_CHECK(p, end, 24);
		out_fmt(o, "\n\t      in norm prio frames %u, in norm prio octets %" PRIu64, f32(p, 12), f64(p, 16));
		NP_CHECK(p, end, 40);
		out_fmt(o, "\n\t      in ipm errors %u, oversized %u, in data errors %u, null addressed frames %u",
			f32(p, 24), f32(p, 28), f32(p, 32), f32(p, 36));
		NP_CHECK(p, end, 56);
		out_fmt(o, "\n\t      out high prio frames %u, out high prio octets %" PRIu64 ", trans into frames %u",
			f32(p, 40), f64(p, 44), f32(p, 52));
		NP_CHECK(p, end, 80);
		out_fmt(o,
			"\n\t      in hc high prio octets %" PRIu64 ", in hc norm prio octets %" PRIu64
			", out hc high prio octets %" PRIu64,
			f64(p, 56), f64(p, 64), f64(p, 72));
		break;
	case 5: /* VLAN */
		if (len < 28)
			return SF_INVALID;
		NP_CHECK(p, end, 28);
		out_fmt(o,
			"\n\t      vlan_id %u, octets %" PRIu64
			", unicast_pkt %u, multicast_pkt %u, broadcast_pkt %u, discards %u",
			f32(p, 0), f64(p, 4), f32(p, 12), f32(p, 16), f32(p, 20), f32(p, 24));
		break;
	case 1001: /* processor */
		if (len < 28)
			return SF_INVALID;
		NP_CHECK(p, end, 28);
		/* tcpdump labels the free memory "total_mem" too */
		out_fmt(o, "\n\t      5sec %u, 1min %u, 5min %u, total_mem %" PRIu64 ", total_mem %" PRIu64, f32(p, 0),
			f32(p, 4), f32(p, 8), f64(p, 12), f64(p, 20));
		break;
	default: return -1; /* not known */
	}
	return SF_OK;
trunc:
	print_trunc_stop(pr);
	return SF_STOPPED;
}

/* One flow record of a known type at p with len bytes left. */
static int print_sflow_flow(np_printer *pr, uint32_t type, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	switch (type) {
	case 1: /* raw packet header */
		if (len < 16)
			return SF_INVALID;
		NP_CHECK(p, pr->snapend, 16);
		out_fmt(o, "\n\t      protocol %s (%u), length %u, stripped bytes %u, header_size %u",
			tok2str(sflow_raw_protocol_names, "Unknown", f32(p, 0)), f32(p, 0), f32(p, 4), f32(p, 8),
			f32(p, 12));
		break;
	case 2: /* Ethernet frame */
		if (len < 24)
			return SF_INVALID;
		NP_CHECK(p, pr->snapend, 24);
		out_fmt(o, "\n\t      frame len %u, type %u", f32(p, 0), f32(p, 20));
		break;
	case 1001: /* extended switch */
		if (len < 16)
			return SF_INVALID;
		NP_CHECK(p, pr->snapend, 16);
		out_fmt(o, "\n\t      src vlan %u, src pri %u, dst vlan %u, dst pri %u", f32(p, 0), f32(p, 4),
			f32(p, 8), f32(p, 12));
		break;
	default:
		/* named but not decoded, or not known at all */
		return tok_name(sflow_flow_type_names, type) ? SF_OK : -1;
	}
	return SF_OK;
trunc:
	print_trunc_stop(pr);
	return SF_STOPPED;
}

/* The n records (flow ones when flow) in [p, p+len). */
static int print_sflow_records(np_printer *pr, bool flow, const uint8_t *p, uint32_t len, uint32_t n)
{
	while (n > 0) {
		uint32_t fmt, rlen, ent, type;
		if (len < 8)
			return SF_INVALID;
		NP_GET_BE32(fmt, p, pr->snapend);
		NP_GET_BE32(rlen, p + 4, pr->snapend);
		type = fmt & 0x0fff;
		ent = flow ? fmt >> 12 : fmt >> 20; /* tcpdump's shifts, as they are */
		const char *name =
			ent == 0 ? tok2str(flow ? sflow_flow_type_names : sflow_counter_type_names, "Unknown", type)
				 : "Unknown";
		out_fmt(pr->out,
			flow ? "\n\t    enterprise %u %s (%u) length %u" : "\n\t    enterprise %u, %s (%u) length %u",
			ent, name, type, rlen);
		p += 8;
		len -= 8;
		if (len < rlen)
			return SF_INVALID;
		if (ent == 0) {
			int rc = flow ? print_sflow_flow(pr, type, p, len) : print_sflow_counter(pr, type, p, len);
			if (rc > 0)
				return rc;
			if (rc < 0 && pr->o.vflag <= 1)
				print_unknown_data(pr, p, "\n\t\t", rlen);
		}
		p += rlen;
		len -= rlen;
		n--;
	}
	return SF_OK;
trunc:
	print_trunc_stop(pr);
	return SF_STOPPED;
}

/* A sample's fixed part and records; type is the sample format. */
static int print_sflow_sample(np_printer *pr, uint32_t type, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	uint32_t hdr = type == FLOW_SAMPLE ? 32 : type == EXP_FLOW_SAMPLE ? 44 : type == COUNTER_SAMPLE ? 12 : 16;
	uint32_t n;
	if (len < hdr)
		return SF_INVALID;
	NP_GET_BE32(n, p + hdr - 4, pr->snapend);
	NP_CHECK(p, pr->snapend, hdr);
	switch (type) {
	case FLOW_SAMPLE:
		out_fmt(o, " seqnum %u, type %u, idx %u, rate %u, pool %u, drops %u, input %u output %u records %u",
			f32(p, 0), p[4], f32(p, 4) & 0xffffff, f32(p, 8), f32(p, 12), f32(p, 16), f32(p, 20),
			f32(p, 24), n);
		break;
	case EXP_FLOW_SAMPLE:
		out_fmt(o, " seqnum %u, type %u, idx %u, rate %u, pool %u, drops %u, records %u", f32(p, 0), f32(p, 4),
			f32(p, 8), f32(p, 12), f32(p, 16), f32(p, 20), n);
		break;
	case COUNTER_SAMPLE:
		out_fmt(o, " seqnum %u, type %u, idx %u, records %u", f32(p, 0), p[4], f32(p, 4) & 0xffffff, n);
		break;
	default: out_fmt(o, " seqnum %u, type %u, idx %u, records %u", f32(p, 0), f32(p, 4), f32(p, 8), n); break;
	}
	return print_sflow_records(pr, type == FLOW_SAMPLE || type == EXP_FLOW_SAMPLE, p + hdr, len - hdr, n);
trunc:
	print_trunc_stop(pr);
	return SF_STOPPED;
}

void print_sflow(np_printer *pr, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	uint32_t version, ipv, nsamples;
	const uint8_t *tp = p;
	uint32_t tlen = len;
	pr->protocol = "sflow";
	NP_GET_BE32(ipv, p + 4, pr->snapend);
	if ((len < SFLOW_V4_HDR && ipv == 1) || (len < SFLOW_V6_HDR && ipv == 2)) {
		NP_GET_BE32(version, p, pr->snapend);
		out_fmt(o, "sFlowv%u [length %u < %u]", version, len, SFLOW_V4_HDR);
		print_invalid(pr);
		return;
	}
	NP_CHECK(p, pr->snapend, SFLOW_V4_HDR);
	version = f32(p, 0);
	if (version != 5) {
		out_fmt(o, "sFlow version %u packet not supported", version);
		return;
	}
	/* ip_version 1 is IPv4; anything else is read as IPv6, as tcpdump does */
	uint32_t hdr = ipv == 1 ? SFLOW_V4_HDR : SFLOW_V6_HDR;
	uint32_t alen = ipv == 1 ? 4 : 16;
	NP_CHECK(p + 8, pr->snapend, alen);
	NP_CHECK(p + 8 + alen, pr->snapend, 4);
	if (pr->o.vflag < 1) {
		out_fmt(o, "sFlowv%u, %s agent ", version, ipv == 1 ? "IPv4" : "IPv6");
		if (ipv == 1)
			out_ipv4(o, p + 8);
		else
			out_ipv6(o, p + 8);
		out_fmt(o, ", agent-id %u, length %u", f32(p, 8 + alen), len);
		return;
	}
	NP_CHECK(p, pr->snapend, hdr);
	nsamples = f32(p, hdr - 4);
	out_fmt(o, "sFlowv%u, %s agent ", version, ipv == 1 ? "IPv4" : "IPv6");
	if (ipv == 1)
		out_ipv4(o, p + 8);
	else
		out_ipv6(o, p + 8);
	out_fmt(o, ", agent-id %u, seqnum %u, uptime %u, samples %u, length %u", f32(p, 8 + alen), f32(p, 12 + alen),
		f32(p, 16 + alen), nsamples, len);
	if (tlen < hdr)
		goto invalid;
	tp += hdr;
	tlen -= hdr;
	while (nsamples > 0 && tlen > 0) {
		uint32_t fmt, slen;
		NP_GET_BE32(fmt, tp, pr->snapend);
		NP_GET_BE32(slen, tp + 4, pr->snapend);
		fmt &= 0x0fff;
		if (tlen < 8)
			goto invalid;
		tp += 8;
		tlen -= 8;
		out_fmt(o, "\n\t%s (%u), length %u,", tok2str(sflow_format_names, "Unknown", fmt), fmt, slen);
		if (fmt == 0 || slen == 0)
			return;
		if (tlen < slen)
			goto invalid;
		NP_CHECK(tp, pr->snapend, slen);
		if (fmt >= FLOW_SAMPLE && fmt <= EXP_COUNTER_SAMPLE) {
			int rc = print_sflow_sample(pr, fmt, tp, tlen);
			if (rc == SF_STOPPED)
				return;
			if (rc == SF_INVALID)
				goto invalid;
		} else if (pr->o.vflag <= 1) {
			print_unknown_data(pr, tp, "\n\t    ", slen);
		}
		tp += slen;
		tlen -= slen;
		nsamples--;
	}
	return;
invalid:
	print_invalid(pr);
	print_rest_captured(pr, tp, tlen);
	return;
trunc:
	print_trunc_stop(pr);
}
