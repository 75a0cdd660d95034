/*
 * icmp.c - ICMP (v4) text (tcpdump's print-icmp.c): the one-line summary
 * ("echo request, id 1, seq 2", "10.0.0.1 udp port 53 unreachable", ...),
 * the -v checksum check, the -v dump of the datagram an error quotes (by
 * the IPv4 printer, on a header decoded on demand), and RFC 4884
 * multi-part extensions (MPLS label stacks).
 *
 * tcpdump builds the summary in a buffer before printing any of it, so a
 * message cut short prints nothing but the truncation mark: here each
 * summary is likewise gathered into a struct summary first.
 *
 * Not for: ICMPv6 (icmp6.c), or the IPv4 header around the message (ip.c).
 */
#include "print.h"

#include "cksum.h"

#include <stdarg.h>
#include <stdio.h>

#define ICMP_HDRLEN 8
#define IP4_MIN_HDR 20
/* RFC 4884: an extension structure starts 128 bytes into the quote. */
#define ICMP_EXT_OFFSET (ICMP_HDRLEN + 128)
/* tcpdump checks this much (its struct icmp_ext_t) before looking. */
#define ICMP_EXT_CHECKED_LEN (ICMP_EXT_OFFSET + 5)
#define ICMP_EXT_VERSION 2
#define ICMP_EXT_OBJ_HDRLEN 4
/* tcpdump's summary buffer is MAXHOSTNAMELEN + 100 bytes; what does not
 * fit (only a long router advertisement) is silently cut. */
#define ICMP_SUMMARY_SIZE (64 + 100)

enum {
	ICMP_ECHOREPLY = 0,
	ICMP_UNREACH = 3,
	ICMP_SOURCEQUENCH = 4,
	ICMP_REDIRECT = 5,
	ICMP_ECHO = 8,
	ICMP_ROUTERADVERT = 9,
	ICMP_TIMXCEED = 11,
	ICMP_PARAMPROB = 12,
	ICMP_TSTAMP = 13,
	ICMP_TSTAMPREPLY = 14,
	ICMP_MASKREPLY = 18,
};

enum {
	ICMP_UNREACH_PROTOCOL = 2,
	ICMP_UNREACH_PORT = 3,
	ICMP_UNREACH_NEEDFRAG = 4,
};

/* Types printed by name alone. */
static const np_tok icmp_type_names[] = {
	{0, "echo reply"},
	{4, "source quench"},
	{8, "echo request"},
	{10, "router solicitation"},
	{13, "time stamp request"},
	{14, "time stamp reply"},
	{15, "information request"},
	{16, "information reply"},
	{17, "address mask request"},
	{0, NULL},
};

/* Destination unreachable codes that print "<prefix><dst><suffix>". */
static const struct unreach_text {
	uint8_t code;
	const char *prefix, *suffix;
} unreach_texts[] = {
	{0, "net ", " unreachable"},
	{1, "host ", " unreachable"},
	{5, "", " unreachable - source route failed"},
	{6, "net ", " unreachable - unknown"},
	{7, "host ", " unreachable - unknown"},
	{8, "", " unreachable - source host isolated"},
	{9, "net ", " unreachable - admin prohibited"},
	{10, "host ", " unreachable - admin prohibited"},
	{11, "net ", " unreachable - tos prohibited"},
	{12, "host ", " unreachable - tos prohibited"},
	{13, "host ", " unreachable - admin prohibited filter"},
	{14, "host ", " unreachable - host precedence violation"},
	{15, "host ", " unreachable - precedence cutoff"},
};

/* Redirect codes: "<verb> <dst> to <target><gateway>". */
static const struct redirect_text {
	uint8_t code;
	const char *verb, *target;
} redirect_texts[] = {
	{0, "redirect", "net "},
	{1, "redirect", "host "},
	{2, "redirect-tos", "net "},
	{3, "redirect-tos", "host "},
};

static const np_tok ext_object_names[] = {
	{1, "MPLS Stack Entry"},
	{2, "Interface Identification"},
	{0, NULL},
};

/* How gathering a summary ended. */
enum gather {
	GATHER_OK,
	GATHER_TRUNC_STOP, /* a read ran off the capture: tcpdump's longjmp */
	GATHER_TRUNC_HERE, /* tcpdump's local ND_TCHECK: the mark, then go on */
};

struct summary {
	char s[ICMP_SUMMARY_SIZE];
	size_t len;
};

static void sum_add(struct summary *sm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sum_add(struct summary *sm, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(sm->s + sm->len, sizeof(sm->s) - sm->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		sm->len += (size_t)n < sizeof(sm->s) - sm->len ? (size_t)n : sizeof(sm->s) - sm->len - 1;
}

static void sum_ipv4(struct summary *sm, const uint8_t *a)
{
	sum_add(sm, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
}

static bool is_error_type(uint8_t type)
{
	return type == ICMP_UNREACH || type == ICMP_SOURCEQUENCH || type == ICMP_REDIRECT || type == ICMP_TIMXCEED ||
	       type == ICMP_PARAMPROB;
}

static bool may_have_extensions(uint8_t type)
{
	return type == ICMP_UNREACH || type == ICMP_TIMXCEED || type == ICMP_PARAMPROB;
}

/* The fixed header of the datagram an error quotes, or NULL when it is not
 * all captured (every error summary needs its destination address). */
static const struct np_ip4_info *quoted_ip(np_printer *pr, const uint8_t *p, uint32_t length)
{
	if (!np_has(p, pr->snapend, ICMP_HDRLEN + IP4_MIN_HDR))
		return NULL;
	uint32_t qlen = length > ICMP_HDRLEN ? length - ICMP_HDRLEN : 0;
	const np_layer *l = print_layer_at(pr, NP_LAYER_IP4, p + ICMP_HDRLEN, qlen);
	return l->u.ip4.dst ? &l->u.ip4 : NULL;
}

static enum gather gather_port_unreach(np_printer *pr, const uint8_t *p, uint32_t length, struct summary *sm)
{
	if (!np_has(p, pr->snapend, ICMP_HDRLEN + 10)) /* the quoted protocol octet */
		return GATHER_TRUNC_HERE;
	uint32_t hlen = (uint32_t)(p[ICMP_HDRLEN] & 0x0f) * 4;
	uint16_t dport;
	NP_GET_BE16(dport, p + ICMP_HDRLEN + hlen + 2, pr->snapend);
	const struct np_ip4_info *ip = quoted_ip(pr, p, length);
	if (!ip)
		goto trunc;
	sum_ipv4(sm, ip->dst);
	if (ip->proto == 6)
		sum_add(sm, " tcp port %u unreachable", dport);
	else if (ip->proto == 17)
		sum_add(sm, " udp port %u unreachable", dport);
	else
		sum_add(sm, " protocol %u port %u unreachable", ip->proto, dport);
	return GATHER_OK;
trunc:
	return GATHER_TRUNC_STOP;
}

static enum gather gather_unreach(np_printer *pr, uint8_t code, const uint8_t *p, uint32_t length, struct summary *sm)
{
	if (code == ICMP_UNREACH_PORT)
		return gather_port_unreach(pr, p, length, sm);
	uint16_t mtu = 0;
	if (code == ICMP_UNREACH_NEEDFRAG)
		NP_GET_BE16(mtu, p + 6, pr->snapend);
	const struct np_ip4_info *ip = quoted_ip(pr, p, length);
	if (!ip)
		goto trunc;
	for (size_t i = 0; i < sizeof(unreach_texts) / sizeof(unreach_texts[0]); i++) {
		if (unreach_texts[i].code == code) {
			sum_add(sm, "%s", unreach_texts[i].prefix);
			sum_ipv4(sm, ip->dst);
			sum_add(sm, "%s", unreach_texts[i].suffix);
			return GATHER_OK;
		}
	}
	sum_ipv4(sm, ip->dst);
	if (code == ICMP_UNREACH_PROTOCOL)
		sum_add(sm, " protocol %u unreachable", ip->proto);
	else if (code == ICMP_UNREACH_NEEDFRAG && mtu)
		sum_add(sm, " unreachable - need to frag (mtu %u)", mtu);
	else if (code == ICMP_UNREACH_NEEDFRAG)
		sum_add(sm, " unreachable - need to frag");
	else
		sum_add(sm, " unreachable - #%u", code);
	return GATHER_OK;
trunc:
	return GATHER_TRUNC_STOP;
}

static enum gather gather_redirect(np_printer *pr, uint8_t code, const uint8_t *p, uint32_t length, struct summary *sm)
{
	/* The gateway address lies before the quoted header, so is captured too. */
	const struct np_ip4_info *ip = quoted_ip(pr, p, length);
	if (!ip)
		return GATHER_TRUNC_STOP;
	const struct redirect_text *t = NULL;
	for (size_t i = 0; i < sizeof(redirect_texts) / sizeof(redirect_texts[0]); i++)
		if (redirect_texts[i].code == code)
			t = &redirect_texts[i];
	if (t)
		sum_add(sm, "%s ", t->verb);
	else
		sum_add(sm, "redirect-#%u ", code);
	sum_ipv4(sm, ip->dst);
	sum_add(sm, " to %s", t ? t->target : "");
	sum_ipv4(sm, p + 4);
	return GATHER_OK;
}

/* RFC 1256: lifetime, then "{address preference}" per entry. */
static enum gather gather_router_advert(np_printer *pr, const uint8_t *p, struct summary *sm)
{
	if (!np_has(p, pr->snapend, ICMP_HDRLEN))
		return GATHER_TRUNC_HERE;
	uint32_t num = p[4], size = p[5];
	uint32_t lifetime = (uint32_t)(p[6] << 8) | p[7];
	sum_add(sm, "router advertisement lifetime ");
	if (lifetime < 60)
		sum_add(sm, "%u", lifetime);
	else if (lifetime < 60 * 60)
		sum_add(sm, "%u:%02u", lifetime / 60, lifetime % 60);
	else
		sum_add(sm, "%u:%02u:%02u", lifetime / 3600, (lifetime % 3600) / 60, lifetime % 60);
	sum_add(sm, " %u:", num);
	if (size != 2) {
		sum_add(sm, " [size %u]", size);
		return GATHER_OK;
	}
	const uint8_t *entry = p + ICMP_HDRLEN;
	for (uint32_t i = 0; i < num; i++, entry += 8) {
		if (!np_has(entry, pr->snapend, 8))
			return GATHER_TRUNC_HERE;
		uint32_t pref =
			((uint32_t)entry[4] << 24) | ((uint32_t)entry[5] << 16) | ((uint32_t)entry[6] << 8) | entry[7];
		sum_add(sm, " {");
		sum_ipv4(sm, entry);
		sum_add(sm, " %u}", pref);
	}
	return GATHER_OK;
}

/* Milliseconds since midnight UT as hh:mm:ss.mmm. */
static void sum_tstamp(struct summary *sm, const char *label, uint32_t ms)
{
	uint32_t sec = ms / 1000, min = sec / 60, hrs = min / 60;
	sum_add(sm, "%s%02u:%02u:%02u.%03u", label, hrs, min - hrs * 60, sec - min * 60, ms % 1000);
}

static enum gather gather_tstamp_reply(np_printer *pr, const np_layer *l, const uint8_t *p, struct summary *sm)
{
	uint32_t org = 0, recv = 0, xmit = 0;
	if (!np_has(p, pr->snapend, ICMP_HDRLEN + 12))
		return GATHER_TRUNC_HERE;
	np_get_be32(p + 8, pr->snapend, &org);
	np_get_be32(p + 12, pr->snapend, &recv);
	np_get_be32(p + 16, pr->snapend, &xmit);
	sum_add(sm, "time stamp reply id %u seq %u: ", l->u.icmp.id, l->u.icmp.seq);
	sum_tstamp(sm, "org ", org);
	sum_tstamp(sm, ", recv ", recv);
	sum_tstamp(sm, ", xmit ", xmit);
	return GATHER_OK;
}

/* The text between "ICMP " and ", length N". */
static enum gather gather_summary(np_printer *pr, const np_layer *l, const uint8_t *p, uint32_t length,
				  struct summary *sm)
{
	uint8_t type = l->u.icmp.type, code = l->u.icmp.code;
	uint32_t u32;
	switch (type) {
	case ICMP_ECHO:
	case ICMP_ECHOREPLY:
		NP_CHECK(p, pr->snapend, ICMP_HDRLEN);
		sum_add(sm, "echo %s, id %u, seq %u", type == ICMP_ECHO ? "request" : "reply", l->u.icmp.id,
			l->u.icmp.seq);
		return GATHER_OK;
	case ICMP_UNREACH: return gather_unreach(pr, code, p, length, sm);
	case ICMP_REDIRECT: return gather_redirect(pr, code, p, length, sm);
	case ICMP_ROUTERADVERT: return gather_router_advert(pr, p, sm);
	case ICMP_TIMXCEED:
		if (!np_has(p, pr->snapend, ICMP_HDRLEN + IP4_MIN_HDR))
			return GATHER_TRUNC_HERE;
		if (code == 0)
			sum_add(sm, "time exceeded in-transit");
		else if (code == 1)
			sum_add(sm, "ip reassembly time exceeded");
		else
			sum_add(sm, "time exceeded-#%u", code);
		return GATHER_OK;
	case ICMP_PARAMPROB:
		if (code) {
			sum_add(sm, "parameter problem - code %u", code);
			return GATHER_OK;
		}
		NP_CHECK(p, pr->snapend, 5); /* the pointer octet */
		sum_add(sm, "parameter problem - octet %u", p[4]);
		return GATHER_OK;
	case ICMP_MASKREPLY:
		NP_GET_BE32(u32, p + ICMP_HDRLEN, pr->snapend);
		sum_add(sm, "address mask is 0x%08x", u32);
		return GATHER_OK;
	case ICMP_TSTAMP:
		NP_CHECK(p, pr->snapend, ICMP_HDRLEN);
		sum_add(sm, "time stamp query id %u seq %u", l->u.icmp.id, l->u.icmp.seq);
		return GATHER_OK;
	case ICMP_TSTAMPREPLY: return gather_tstamp_reply(pr, l, p, sm);
	default: sum_add(sm, "%s", tok2str(icmp_type_names, "type-#%u", type)); return GATHER_OK;
	}
trunc:
	return GATHER_TRUNC_STOP;
}

/* One RFC 4950 MPLS label stack entry. */
static void print_mpls_entry(np_printer *pr, uint32_t entry)
{
	np_out *o = pr->out;
	out_str(o, "\n\t    label ");
	out_u32(o, entry >> 12);
	out_str(o, ", tc ");
	out_u32(o, (entry >> 9) & 7);
	if (entry & 0x100)
		out_str(o, ", [S]");
	out_str(o, ", ttl ");
	out_u32(o, entry & 0xff);
}

/* RFC 4884 multi-part extensions after the quoted datagram (with -v). The
 * lengths are unsigned and may wrap, as tcpdump's do: the walk then stops
 * at the end of the capture. */
static void print_extensions(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	if (!np_has(p, pr->snapend, ICMP_EXT_CHECKED_LEN)) {
		print_trunc(pr);
		return;
	}
	const uint8_t *ext = p + ICMP_EXT_OFFSET;
	uint32_t ext_len = length - ICMP_EXT_OFFSET;
	bool whole = np_has(ext, pr->snapend, ext_len);
	/* Without the RFC 4884 length, only a good checksum says it is there. */
	if (p[5] == 0 && whole && np_in_cksum(ext, ext_len, 0) != 0)
		return;
	uint8_t version = ext[0] >> 4;
	out_str(o, "\n\tICMP Multi-Part extension v");
	out_u32(o, version);
	if (version != ICMP_EXT_VERSION) {
		out_str(o, " packet not supported");
		return;
	}
	if (whole)
		out_fmt(o, ", checksum 0x%04x (%scorrect), length %u", (unsigned)((ext[2] << 8) | ext[3]),
			np_in_cksum(ext, ext_len, 0) ? "in" : "", ext_len);
	uint32_t left = ext_len - 4;
	const uint8_t *obj = ext + 4;
	while (left > ICMP_EXT_OBJ_HDRLEN) {
		if (!np_has(obj, pr->snapend, ICMP_EXT_OBJ_HDRLEN)) {
			print_trunc(pr);
			return;
		}
		uint32_t obj_len = (uint32_t)(obj[0] << 8) | obj[1];
		uint8_t obj_class = obj[2], ctype = obj[3];
		obj += ICMP_EXT_OBJ_HDRLEN;
		out_fmt(o, "\n\t  %s Object (%u), Class-Type: %u, length %u",
			tok2str(ext_object_names, "unknown", obj_class), obj_class, ctype, obj_len);
		left -= ICMP_EXT_OBJ_HDRLEN;
		if (obj_class == 0 || obj_len < ICMP_EXT_OBJ_HDRLEN)
			return; /* would loop forever */
		obj_len -= ICMP_EXT_OBJ_HDRLEN;
		if (obj_class == 1 && ctype == 1) {
			uint32_t entry;
			NP_GET_BE32(entry, obj, pr->snapend);
			print_mpls_entry(pr, entry);
		} else {
			print_unknown_data(pr, obj, "\n\t    ", obj_len);
			if (pr->stopped)
				return;
		}
		if (left < obj_len)
			break;
		left -= obj_len;
		obj += obj_len;
	}
	return;
trunc:
	print_trunc_stop(pr);
}

/* With -v, an error's quoted datagram on its own line, by the IPv4 printer,
 * scoped to the length its header claims (extensions may follow it). */
static void print_quoted(np_printer *pr, const uint8_t *p)
{
	const uint8_t *ip = p + ICMP_HDRLEN;
	uint16_t ip_len;
	out_str(pr->out, "\n\t");
	NP_GET_BE16(ip_len, ip + 2, pr->snapend);
	const uint8_t *old = print_push_snaplen(pr, ip, ip_len);
	/* tcpdump reads the length again inside the narrowed scope, so a
	 * quoted length below 4 cuts the packet short here. */
	if (!np_has(ip, pr->snapend, 4)) {
		print_pop_snapend(pr, old);
		goto trunc;
	}
	print_ip(pr, ip, ip_len);
	print_pop_snapend(pr, old);
	return;
trunc:
	print_trunc_stop(pr);
}

static void print_cksum(np_printer *pr, const uint8_t *p, uint32_t length)
{
	if (!np_has(p, pr->snapend, length))
		return;
	uint16_t sum = np_in_cksum(p, length, 0);
	if (sum == 0)
		return;
	uint16_t icmp_sum;
	NP_GET_BE16(icmp_sum, p + 2, pr->snapend);
	out_fmt(pr->out, " (wrong icmp cksum %x (->%x)!)", icmp_sum, np_in_cksum_shouldbe(icmp_sum, sum));
	return;
trunc:
	print_trunc_stop(pr);
}

void print_icmp(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *iph, int fragmented)
{
	(void)iph;
	np_out *o = pr->out;
	pr->protocol = "icmp";
	NP_CHECK(p, pr->snapend, 2);
	const np_layer *l = print_layer_at(pr, NP_LAYER_ICMP, p, length);
	uint8_t type = l->u.icmp.type;
	struct summary sm = {.len = 0};
	switch (gather_summary(pr, l, p, length, &sm)) {
	case GATHER_OK: break;
	case GATHER_TRUNC_STOP: goto trunc;
	case GATHER_TRUNC_HERE: print_trunc(pr); return;
	}
	out_str(o, "ICMP ");
	out_mem(o, sm.s, sm.len);
	out_str(o, ", length ");
	out_u32(o, length);
	if (!pr->o.vflag)
		return;
	if (!fragmented) {
		print_cksum(pr, p, length);
		if (pr->stopped)
			return;
	}
	if (is_error_type(type)) {
		print_quoted(pr, p);
		if (pr->stopped)
			return;
	}
	pr->protocol = "icmp";
	if (length > ICMP_EXT_OFFSET && may_have_extensions(type))
		print_extensions(pr, p, length);
	return;
trunc:
	print_trunc_stop(pr);
}
