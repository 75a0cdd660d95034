/*
 * ipfix_model.c - the IPFIX elements netprofile writes and reads (see
 * ipfix_model.h): CERT's element definitions, the template spec shared by
 * export and collection, and the record <-> np_flow conversions.
 */
#include "ipfix_model.h"

#include <pthread.h>
#include <string.h>

#include "../decode/services.h"
#include "decap.h"

/* CERT's elements (YAF's cert_ipfix.xml) that libfixbuf's built-in model
 * lacks; the reversible ones get their reverse (number | 0x4000). */
static fbInfoElement_t cert_elements[] = {
	FB_IE_INIT_FULL("initialTCPFlags", 6871, 14, 1, FB_IE_FLAGS | FB_IE_F_ENDIAN | FB_IE_F_REVERSIBLE, 0, 0,
			FB_UINT_8, NULL),
	FB_IE_INIT_FULL("unionTCPFlags", 6871, 15, 1, FB_IE_FLAGS | FB_IE_F_ENDIAN | FB_IE_F_REVERSIBLE, 0, 0,
			FB_UINT_8, NULL),
	FB_IE_INIT_FULL("reverseFlowDeltaMilliseconds", 6871, 21, 4, FB_IE_F_ENDIAN | FB_UNITS_MILLISECONDS, 0, 0,
			FB_UINT_32, NULL),
	FB_IE_INIT_FULL("silkAppLabel", 6871, 33, 2, FB_IE_IDENTIFIER | FB_IE_F_ENDIAN, 0, 0, FB_UINT_16, NULL),
	FB_IE_NULL,
};

/* netprofile's own (see NP_IPFIX_PEN). */
static fbInfoElement_t np_elements[] = {
	FB_IE_INIT_FULL("tunnelSourceIPv4Address", NP_IPFIX_PEN, 1, 4, FB_IE_DEFAULT | FB_IE_F_ENDIAN, 0, 0,
			FB_IP4_ADDR, "the outer source address of the tunnel an inner flow came through"),
	FB_IE_INIT_FULL("tunnelDestinationIPv4Address", NP_IPFIX_PEN, 2, 4, FB_IE_DEFAULT | FB_IE_F_ENDIAN, 0, 0,
			FB_IP4_ADDR, "the outer destination address of the tunnel an inner flow came through"),
	FB_IE_INIT_FULL("tunnelSourceIPv6Address", NP_IPFIX_PEN, 3, 16, FB_IE_DEFAULT, 0, 0, FB_IP6_ADDR,
			"the outer source address of the tunnel an inner flow came through"),
	FB_IE_INIT_FULL("tunnelDestinationIPv6Address", NP_IPFIX_PEN, 4, 16, FB_IE_DEFAULT, 0, 0, FB_IP6_ADDR,
			"the outer destination address of the tunnel an inner flow came through"),
	FB_IE_INIT_FULL("tunnelId", NP_IPFIX_PEN, 5, 4, FB_IE_IDENTIFIER | FB_IE_F_ENDIAN, 0, 0, FB_UINT_32,
			"the tunnel's VXLAN/Geneve VNI, GRE key or PPTP call id (0: none)"),
	FB_IE_INIT_FULL("tunnelDepth", NP_IPFIX_PEN, 6, 1, FB_IE_QUANTITY | FB_IE_F_ENDIAN, 0, 0, FB_UINT_8,
			"1: the flow was in the outermost tunnel; 2: in a tunnel inside it..."),
	FB_IE_NULL,
};

/* Spec flags: which templates an element belongs to. The internal
 * template takes every element; export templates pick by family and
 * biflow; INTERNAL marks padding, the nested list and what is read but
 * not written. Each element written costs libfixbuf about 100
 * instructions a record (it transcodes element by element, byte-swapping
 * in a loop), most of what export costs: nothing is written twice. */
enum {
	SF_V4 = 1,
	SF_V6 = 2,
	SF_BI = 4,
	SF_INTERNAL = 8,
	SF_TUN = 16,
	SF_TV4 = 32,
	SF_TV6 = 64,
	SF_TCP = 128, /* TCP's flags: not in the templates of other protocols */
	SF_REV = 256, /* the reverse direction's: not when it saw no packet */
	SF_ALL = 0xffff
};

/* In np_ipfix_rec's order: the internal template must match its layout. */
static fbInfoElementSpec_t rec_spec[] = {
	{"flowStartMilliseconds", 8, 0},
	{"flowEndMilliseconds", 8, 0},
	/* read (other exporters, files netprofile wrote before), not
	 * written: the reverse microseconds carry them to the microsecond,
	 * YAF's readers take the reverse start from
	 * reverseFlowDeltaMilliseconds, and nfdump 1.7 takes these two for
	 * the flow's own start and end */
	{"reverseFlowStartMilliseconds", 8, SF_INTERNAL},
	{"reverseFlowEndMilliseconds", 8, SF_INTERNAL},
	{"octetTotalCount", 8, 0},
	{"reverseOctetTotalCount", 8, SF_BI | SF_REV},
	{"packetTotalCount", 8, 0},
	{"reversePacketTotalCount", 8, SF_BI},
	{"flowStartMicroseconds", 8, 0},
	{"flowEndMicroseconds", 8, 0},
	{"reverseFlowStartMicroseconds", 8, SF_BI | SF_REV},
	{"reverseFlowEndMicroseconds", 8, SF_BI | SF_REV},
	{"octetDeltaCount", 8, SF_INTERNAL},
	{"packetDeltaCount", 8, SF_INTERNAL},
	{"systemInitTimeMilliseconds", 8, SF_INTERNAL},
	{"sourceIPv6Address", 16, SF_V6},
	{"destinationIPv6Address", 16, SF_V6},
	{"sourceIPv4Address", 4, SF_V4},
	{"destinationIPv4Address", 4, SF_V4},
	{"reverseFlowDeltaMilliseconds", 4, SF_BI | SF_REV},
	{"flowStartSeconds", 4, SF_INTERNAL},
	{"flowEndSeconds", 4, SF_INTERNAL},
	{"flowStartSysUpTime", 4, SF_INTERNAL},
	{"flowEndSysUpTime", 4, SF_INTERNAL},
	{"sourceTransportPort", 2, 0},
	{"destinationTransportPort", 2, 0},
	{"vlanId", 2, 0},
	/* read, not written: the VLAN is part of our flow key, so both
	 * directions have vlanId's (RFC 5103's non-directional key fields) */
	{"reverseVlanId", 2, SF_INTERNAL},
	{"silkAppLabel", 2, 0},
	{"tcpControlBits", 2, SF_INTERNAL},
	{"protocolIdentifier", 1, 0},
	{"flowEndReason", 1, 0},
	{"initialTCPFlags", 1, SF_TCP},
	{"unionTCPFlags", 1, SF_TCP},
	{"reverseInitialTCPFlags", 1, SF_BI | SF_REV | SF_TCP},
	{"reverseUnionTCPFlags", 1, SF_BI | SF_REV | SF_TCP},
	{"paddingOctets", 2, SF_INTERNAL},
	{"subTemplateMultiList", FB_IE_VARLEN, SF_INTERNAL},
	{"tunnelTechnology", FB_IE_VARLEN, SF_TUN},
	{"layer2SegmentId", 8, SF_TUN},
	{"tunnelSourceIPv6Address", 16, SF_TUN | SF_TV6},
	{"tunnelDestinationIPv6Address", 16, SF_TUN | SF_TV6},
	{"tunnelSourceIPv4Address", 4, SF_TUN | SF_TV4},
	{"tunnelDestinationIPv4Address", 4, SF_TUN | SF_TV4},
	{"tunnelId", 4, SF_TUN},
	{"tunnelDepth", 1, SF_TUN},
	{"paddingOctets", 3, SF_INTERNAL},
	FB_IESPEC_NULL,
};

static fbInfoElementSpec_t tcp_spec[] = {
	{"initialTCPFlags", 1, 0},      {"unionTCPFlags", 1, 0}, {"reverseInitialTCPFlags", 1, 0},
	{"reverseUnionTCPFlags", 1, 0}, FB_IESPEC_NULL,
};

fbInfoModel_t *np_ipfix_model_new(void)
{
	fbInfoModel_t *m = fbInfoModelAlloc();
	fbInfoModelAddElementArray(m, cert_elements);
	fbInfoModelAddElementArray(m, np_elements);
	return m;
}

/* A template of spec's elements that flags select, up to (not with) the
 * one named stop (NULL: all of them). */
static bool add_template(fbSession_t *s, fbInfoModel_t *m, bool internal, uint16_t tid, fbInfoElementSpec_t *spec,
			 uint32_t flags, const char *stop, GError **err)
{
	fbTemplate_t *t = fbTemplateAlloc(m);
	for (fbInfoElementSpec_t *e = spec; e->name && !(stop && strcmp(e->name, stop) == 0); e++)
		if (!fbTemplateAppendSpec(t, e, flags, err)) {
			fbTemplateFreeUnused(t);
			return false;
		}
	return fbSessionAddTemplate(s, internal, tid, t, err) != 0;
}

bool np_ipfix_add_internal_templates(fbSession_t *s, fbInfoModel_t *m, GError **err)
{
	return add_template(s, m, true, NP_IPFIX_TID_REC, rec_spec, SF_ALL, NULL, err) &&
	       add_template(s, m, true, NP_IPFIX_TID_TCP, tcp_spec, 0, NULL, err);
}

bool np_ipfix_add_export_templates(fbSession_t *s, fbInfoModel_t *m, GError **err)
{
	if (!add_template(s, m, true, NP_IPFIX_TID_FIXED, rec_spec, SF_ALL, "subTemplateMultiList", err))
		return false;
	fbTemplate_t *fixed = fbSessionGetTemplate(s, true, NP_IPFIX_TID_FIXED, err);
	if (!fixed || fbTemplateGetIELenOfMemBuffer(fixed) != NP_IPFIX_FIXED_LEN) {
		if (fixed)
			g_set_error(err, FB_ERROR_DOMAIN, FB_ERROR_TMPL,
				    "the fixed template does not match np_ipfix_rec");
		return false;
	}
	for (uint16_t v = 0; v < 16; v++) {
		if ((v & NP_IPFIX_TID_UNI) && (v & NP_IPFIX_TID_NOREV))
			continue; /* a uniflow record has no reverse to lack */
		uint32_t flags = (v & NP_IPFIX_TID_V6 ? SF_V6 : SF_V4) | (v & NP_IPFIX_TID_UNI ? 0 : SF_BI) |
				 (v & NP_IPFIX_TID_NOTCP ? 0 : SF_TCP) | (v & NP_IPFIX_TID_NOREV ? 0 : SF_REV);
		if (!add_template(s, m, false, (uint16_t)(NP_IPFIX_TID_EXPORT | v), rec_spec, flags, NULL, err))
			return false;
	}
	return true;
}

/* Whether a reader can leave element e of ext unread: reverseVlanId
 * (np_ipfix_rec_to_flow never reads it), reverseFlowDeltaMilliseconds
 * beside a reverse start of its own (read only without one). Each element
 * libfixbuf transcodes costs more than a hundred instructions a record. */
static bool unread(const fbInfoElementSpec_t *e, fbTemplate_t *ext)
{
	fbInfoElementSpec_t ms = {"reverseFlowStartMilliseconds", 0, 0}, us = {"reverseFlowStartMicroseconds", 0, 0};
	if (strcmp(e->name, "reverseVlanId") == 0)
		return true;
	return strcmp(e->name, "reverseFlowDeltaMilliseconds") == 0 &&
	       (fbTemplateContainsElementByName(ext, &ms) || fbTemplateContainsElementByName(ext, &us));
}

bool np_ipfix_add_lean_template(fbSession_t *s, fbInfoModel_t *m, uint16_t tid, fbTemplate_t *ext, GError **err)
{
	fbInfoElementSpec_t *e = rec_spec;
	while (e->name && strcmp(e->name, "subTemplateMultiList") != 0)
		e++;
	for (; e->name; e++) /* the nested list, a tunnel: only the whole record holds them */
		if (strcmp(e->name, "paddingOctets") != 0 && fbTemplateContainsElementByName(ext, e))
			return false;
	fbInfoElementSpec_t pad = {"paddingOctets", 0, 0};
	if (fbTemplateContainsElementByName(ext, &pad)) /* libfixbuf would copy its bytes into ours */
		return false;
	fbTemplate_t *t = fbTemplateAlloc(m);
	bool ok = true;
	for (e = rec_spec; ok && e->name && strcmp(e->name, "subTemplateMultiList") != 0; e++) {
		fbInfoElementSpec_t one = {e->name, e->len_override, 0};
		if (strcmp(e->name, "paddingOctets") == 0 || !fbTemplateContainsElementByName(ext, e) ||
		    unread(e, ext)) {
			pad.len_override = (uint16_t)(pad.len_override + e->len_override);
			continue;
		}
		if (pad.len_override)
			ok = fbTemplateAppendSpec(t, &pad, 0, err);
		pad.len_override = 0;
		ok = ok && fbTemplateAppendSpec(t, &one, 0, err);
	}
	if (ok && pad.len_override)
		ok = fbTemplateAppendSpec(t, &pad, 0, err);
	if (ok && fbTemplateGetIELenOfMemBuffer(t) != NP_IPFIX_FIXED_LEN) {
		g_set_error(err, FB_ERROR_DOMAIN, FB_ERROR_TMPL, "the lean template does not match np_ipfix_rec");
		ok = false;
	}
	if (!ok) {
		fbTemplateFreeUnused(t);
		return false;
	}
	return fbSessionAddTemplate(s, true, tid, t, err) != 0;
}

bool np_ipfix_add_tunnel_templates(fbSession_t *s, fbInfoModel_t *m, GError **err)
{
	for (uint16_t v = 0; v < 8; v++) {
		uint32_t flags = SF_TUN | SF_TCP | SF_REV | (v & 1 ? SF_V6 : SF_V4) | (v & 2 ? 0 : SF_BI) |
				 (v & 4 ? SF_TV6 : SF_TV4);
		if (!add_template(s, m, false, (uint16_t)(NP_IPFIX_TID_TUN | v), rec_spec, flags, NULL, err))
			return false;
	}
	return true;
}

uint16_t np_ipfix_tunnel_tid(int family, bool biflow, int outer_family)
{
	return (uint16_t)(NP_IPFIX_TID_TUN | (family == 6 ? 1 : 0) | (biflow ? 0 : 2) | (outer_family == 6 ? 4 : 0));
}

uint16_t np_ipfix_export_tid(const np_flow *f, bool biflow)
{
	return (uint16_t)(NP_IPFIX_TID_EXPORT | (f->key.family == 6 ? NP_IPFIX_TID_V6 : 0) |
			  (biflow ? 0 : NP_IPFIX_TID_UNI) | (f->key.proto == 6 ? 0 : NP_IPFIX_TID_NOTCP) |
			  (biflow && f->rev.packets == 0 ? NP_IPFIX_TID_NOREV : 0));
}

static uint32_t ipv4_host(const uint8_t *a)
{
	return (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 | (uint32_t)a[2] << 8 | a[3];
}

static void ipv4_bytes(uint32_t v, uint8_t *a)
{
	a[0] = (uint8_t)(v >> 24);
	a[1] = (uint8_t)(v >> 16);
	a[2] = (uint8_t)(v >> 8);
	a[3] = (uint8_t)v;
}

void np_ipfix_rec_set_tunnel(np_ipfix_rec *r, const np_flow_tunnel *t)
{
	const char *name = np_tunnel_name(t->kind);
	r->tun_tech.buf = (uint8_t *)(uintptr_t)name; /* only read: libfixbuf copies it out */
	r->tun_tech.len = strlen(name);
	r->tun_id = t->id;
	r->l2seg = t->kind == NP_TUNNEL_VXLAN || t->kind == NP_TUNNEL_GENEVE ? t->id : 0;
	r->tun_depth = t->depth;
	if (t->family == 6) {
		memcpy(r->tun_sip6, t->src, 16);
		memcpy(r->tun_dip6, t->dst, 16);
	} else {
		r->tun_sip4 = ipv4_host(t->src);
		r->tun_dip4 = ipv4_host(t->dst);
	}
}

bool np_ipfix_rec_tunnel(const np_ipfix_rec *r, np_flow_tunnel *t)
{
	memset(t, 0, sizeof(*t));
	if (r->tun_tech.len == 0 || !r->tun_tech.buf)
		return false;
	t->kind = np_tunnel_kind_of((const char *)r->tun_tech.buf, r->tun_tech.len);
	if (t->kind == NP_TUNNEL_NONE)
		return false;
	t->id = r->tun_id ? r->tun_id : (uint32_t)r->l2seg;
	t->depth = r->tun_depth ? r->tun_depth : 1;
	static const uint8_t zero[16];
	if (r->tun_sip4 || r->tun_dip4 || (memcmp(r->tun_sip6, zero, 16) == 0 && memcmp(r->tun_dip6, zero, 16) == 0)) {
		t->family = 4;
		ipv4_bytes(r->tun_sip4, t->src);
		ipv4_bytes(r->tun_dip4, t->dst);
	} else {
		t->family = 6;
		memcpy(t->src, r->tun_sip6, 16);
		memcpy(t->dst, r->tun_dip6, 16);
	}
	return true;
}

/* Microseconds to milliseconds, rounding down as YAF does. */
static uint64_t ms_of(int64_t us)
{
	return us > 0 ? (uint64_t)(us / 1000) : 0;
}

#define NTP_UNIX_OFFSET 2208988800ULL /* 1900 to 1970, seconds */

static uint64_t ntp_of(int64_t us)
{
	if (us <= 0)
		return 0;
	uint64_t s = (uint64_t)us / 1000000 + NTP_UNIX_OFFSET, frac = ((uint64_t)us % 1000000 << 32) / 1000000;
	return s << 32 | frac;
}

/* A time from its microsecond and millisecond forms: the microseconds
 * when they agree with the milliseconds (YAF 2.16 writes microsecond
 * fields without their fraction), else the milliseconds. */
#define MAX_MS 253402300799999ULL /* 9999-12-31: hostile times stop here */

static int64_t us_of(uint64_t ntp, uint64_t ms)
{
	if (ms > MAX_MS)
		ms = MAX_MS;
	if (ntp >> 32 >= NTP_UNIX_OFFSET) {
		uint64_t us = ((ntp >> 32) - NTP_UNIX_OFFSET) * 1000000 +
			      (((ntp & 0xffffffffULL) * 1000000 + (1ULL << 31)) >> 32);
		if (us / 1000 == ms || ms == 0)
			return (int64_t)us;
	}
	return (int64_t)ms * 1000;
}

void np_ipfix_rec_from_flow(np_ipfix_rec *r, const np_flow *f, bool biflow, bool reverse)
{
	memset(r, 0, sizeof(*r));
	const np_flow_key *k = &f->key;
	const np_flow_dir *d = reverse ? &f->rev : &f->fwd;
	const uint8_t *s = reverse ? k->dst : k->src, *t = reverse ? k->src : k->dst;
	if (k->family == 6) {
		memcpy(r->sip6, s, 16);
		memcpy(r->dip6, t, 16);
	} else {
		r->sip4 = ipv4_host(s);
		r->dip4 = ipv4_host(t);
	}
	/* ICMP keeps type*256+code in the destination port either way. */
	bool icmp = k->proto == 1 || k->proto == 58;
	r->sport = reverse && !icmp ? k->dport : k->sport;
	r->dport = reverse && !icmp ? k->sport : k->dport;
	r->proto = k->proto;
	r->vlan = k->vlan;
	r->end_reason = np_ipfix_end_reason(f->end_reason);
	r->app = np_ipfix_app_label(f->app);
	r->start_ms = ms_of(d->first_us);
	r->end_ms = ms_of(d->last_us);
	r->start_ntp = ntp_of(d->first_us);
	r->end_ntp = ntp_of(d->last_us);
	r->packets = d->packets;
	r->octets = d->bytes;
	r->init_flags = d->initial_flags;
	r->union_flags = d->session_flags;
	if (!biflow || f->rev.packets == 0)
		return;
	r->rev_start_ms = ms_of(f->rev.first_us);
	r->rev_end_ms = ms_of(f->rev.last_us);
	r->rev_start_ntp = ntp_of(f->rev.first_us);
	r->rev_end_ntp = ntp_of(f->rev.last_us);
	r->rev_delta_ms = r->rev_start_ms > r->start_ms ? (uint32_t)(r->rev_start_ms - r->start_ms) : 0;
	r->rev_packets = f->rev.packets;
	r->rev_octets = f->rev.bytes;
	r->rev_init_flags = f->rev.initial_flags;
	r->rev_union_flags = f->rev.session_flags;
}

void np_ipfix_rec_to_flow(const np_ipfix_rec *r, int family, np_flow *f)
{
	memset(f, 0, sizeof(*f));
	np_flow_key *k = &f->key;
	k->family = (uint8_t)family;
	if (family == 6) {
		memcpy(k->src, r->sip6, 16);
		memcpy(k->dst, r->dip6, 16);
	} else {
		ipv4_bytes(r->sip4, k->src);
		ipv4_bytes(r->dip4, k->dst);
	}
	k->sport = r->sport;
	k->dport = r->dport;
	k->proto = r->proto;
	k->vlan = r->vlan;
	f->end_reason = np_flow_end_from_ipfix(r->end_reason,
					       r->init_flags | r->union_flags | r->rev_init_flags | r->rev_union_flags);
	f->app = np_ipfix_app_from_label(r->app, r->proto);
	/* Routers: seconds instead of milliseconds, delta counts, the flags'
	 * union alone. */
	uint64_t start_ms = r->start_ms ? r->start_ms : (uint64_t)r->start_s * 1000;
	uint64_t end_ms = r->end_ms ? r->end_ms : (uint64_t)r->end_s * 1000;
	if (!start_ms && !end_ms && r->sys_init_ms) { /* NetFlow v9: since the exporter's boot */
		start_ms = r->sys_init_ms + r->start_uptime;
		end_ms = r->sys_init_ms + r->end_uptime;
	}
	uint64_t packets = r->packets ? r->packets : r->delta_packets;
	f->fwd.first_us = us_of(r->start_ntp, start_ms);
	f->fwd.last_us = us_of(r->end_ntp, end_ms);
	if (f->fwd.last_us < f->fwd.first_us)
		f->fwd.last_us = f->fwd.first_us;
	f->fwd.packets = packets > UINT32_MAX ? UINT32_MAX : (uint32_t)packets;
	f->fwd.bytes = r->octets ? r->octets : r->delta_octets;
	f->fwd.initial_flags = r->init_flags;
	f->fwd.session_flags = r->union_flags;
	if (!r->init_flags && !r->union_flags)
		f->fwd.session_flags = (uint8_t)r->tcp_bits;
	if (r->rev_packets == 0)
		return;
	f->rev.packets = r->rev_packets > UINT32_MAX ? UINT32_MAX : (uint32_t)r->rev_packets;
	f->rev.bytes = r->rev_octets;
	if (r->rev_start_ms || r->rev_start_ntp) {
		f->rev.first_us = us_of(r->rev_start_ntp, r->rev_start_ms);
		f->rev.last_us = us_of(r->rev_end_ntp, r->rev_end_ms);
	} else { /* YAF: the reverse start as a delta, no reverse end */
		f->rev.first_us = f->fwd.first_us + (int64_t)r->rev_delta_ms * 1000; /* both bounded */
		f->rev.last_us = f->fwd.last_us;
	}
	if (f->rev.last_us < f->rev.first_us)
		f->rev.last_us = f->rev.first_us;
	f->rev.initial_flags = r->rev_init_flags;
	f->rev.session_flags = r->rev_union_flags;
}

/* flowEndReason (IANA): 1 idle timeout, 2 active timeout, 3 end of flow
 * detected (FIN or RST, as YAF says either), 4 forced end, 5 lack of
 * resources. */
uint8_t np_ipfix_end_reason(uint8_t reason)
{
	switch (reason) {
	case NP_END_IDLE: return 1;
	case NP_END_ACTIVE: return 2;
	case NP_END_FIN:
	case NP_END_RST: return 3;
	case NP_END_EOF: return 4;
	case NP_END_EVICTED: return 5;
	default: return 0;
	}
}

/* Back again; a TCP close with RST among its flags was ended by the RST
 * (the flow table ends a flow at its first RST). */
uint8_t np_flow_end_from_ipfix(uint8_t reason, uint8_t all_flags)
{
	switch (reason) {
	case 1: return NP_END_IDLE;
	case 2: return NP_END_ACTIVE;
	case 3: return all_flags & 0x04 ? NP_END_RST : NP_END_FIN;
	case 4: return NP_END_EOF;
	case 5: return NP_END_EVICTED;
	default: return 0;
	}
}

/* The services np_flow.app names, with the port YAF labels them by; a
 * label two services share (443: tls over TCP, quic over UDP) is told
 * apart on the way back by the protocol (0: any). */
static const struct {
	const char *name;
	uint16_t label;
	uint8_t proto;
} app_labels[] = {
	{"ssh", 22, 0},     {"http", 80, 0},    {"ftp", 21, 0},   {"ftp-data", 20, 0},  {"smtp", 25, 0},
	{"telnet", 23, 0},  {"pptp", 1723, 0},  {"tls", 443, 6},  {"quic", 443, 17},    {"dns", 53, 0},
	{"ntp", 123, 0},    {"sip", 5060, 0},   {"rtp", 5004, 0}, {"rtcp", 5005, 0},    {"dhcp", 67, 0},
	{"dhcpv6", 547, 0}, {"syslog", 514, 0}, {"snmp", 161, 0}, {"snmptrap", 162, 0}, {"netflow", 2055, 0},
	{"ipfix", 4739, 0}, {"sflow", 6343, 0},
};

/* Each service id's label and each label's service id, worked out once:
 * every record written or read asks. */
#define N_LABELS (sizeof(app_labels) / sizeof(app_labels[0]))
static uint16_t label_of_app[256];
static uint8_t app_of_label[N_LABELS];
static pthread_once_t label_once = PTHREAD_ONCE_INIT;

static void label_table_init(void)
{
	for (size_t i = 0; i < N_LABELS; i++)
		app_of_label[i] = np_service_id(app_labels[i].name);
	for (unsigned app = 1; app < 256; app++) {
		const char *name = np_service_name((uint8_t)app);
		for (size_t i = 0; name && i < N_LABELS; i++)
			if (strcmp(app_labels[i].name, name) == 0) {
				label_of_app[app] = app_labels[i].label;
				break;
			}
	}
}

uint16_t np_ipfix_app_label(uint8_t app)
{
	pthread_once(&label_once, label_table_init);
	return label_of_app[app];
}

uint8_t np_ipfix_app_from_label(uint16_t label, uint8_t proto)
{
	if (label == 0)
		return 0;
	pthread_once(&label_once, label_table_init);
	for (size_t i = 0; i < N_LABELS; i++)
		if (app_labels[i].label == label && (!app_labels[i].proto || app_labels[i].proto == proto))
			return app_of_label[i];
	return 0;
}
