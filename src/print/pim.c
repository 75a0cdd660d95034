/*
 * pim.c - Protocol Independent Multicast version 2 (IP protocol 103,
 * RFC 7761, RFC 3973, RFC 5015) as tcpdump 4.99's print-pim.c writes it:
 * "PIMv2, Hello, length 30", and with -v the checksum verdict and each
 * message's body (hello options, register with the packet it carries,
 * join/prune groups and sources, bootstrap, assert, candidate RP, state
 * refresh, DF election); -vv adds hex dumps of hello options and the
 * hello address lists.
 *
 * PIMv1 rides in IGMP (type 0x14): igmp.c prints "igmp pimv1" and hands
 * the message to print_pimv1 here.
 *
 * Not for: Cisco's auto-RP over UDP.
 */
#include "cksum.h"
#include "print.h"

enum {
	PIM_HELLO = 0,
	PIM_REGISTER = 1,
	PIM_REGISTER_STOP = 2,
	PIM_JOIN_PRUNE = 3,
	PIM_BOOTSTRAP = 4,
	PIM_ASSERT = 5,
	PIM_GRAFT = 6,
	PIM_GRAFT_ACK = 7,
	PIM_CANDIDATE_RP = 8,
	PIM_PRUNE_REFRESH = 9,
	PIM_DF_ELECTION = 10,
};

static const np_tok pimv2_type_names[] = {
	{0, "Hello"},
	{1, "Register"},
	{2, "Register Stop"},
	{3, "Join / Prune"},
	{4, "Bootstrap"},
	{5, "Assert"},
	{6, "Graft"},
	{7, "Graft Acknowledgement"},
	{8, "Candidate RP Advertisement"},
	{9, "Prune Refresh"},
	{10, "DF Election"},
	{11, "ECMP Redirect"},
	{0, NULL},
};

enum {
	OPT_HOLDTIME = 1,
	OPT_LANPRUNEDELAY = 2,
	OPT_DR_PRIORITY_OLD = 18,
	OPT_DR_PRIORITY = 19,
	OPT_GENID = 20,
	OPT_REFRESH_CAP = 21,
	OPT_BIDIR_CAP = 22,
	OPT_ADDRESS_LIST = 24,
	OPT_ADDRESS_LIST_OLD = 65001,
};

static const np_tok pimv2_hello_option_names[] = {
	{1, "Hold Time"},
	{2, "LAN Prune Delay"},
	{18, "DR Priority (Old)"},
	{19, "DR Priority"},
	{20, "Generation ID"},
	{21, "State Refresh Capability"},
	{22, "Bi-Directional Capability"},
	{24, "Address List"},
	{65001, "Address List (Old)"},
	{0, NULL},
};

static const np_tok pimv2_register_flag_names[] = {{0x80000000u, "Border"}, {0x40000000u, "Null"}, {0, NULL}};

static const np_tok pimv2_df_names[] = {{1, "Offer"}, {2, "Winner"}, {3, "Backoff"}, {4, "Pass"}, {0, NULL}};

enum pim_addr_kind { PIM_UNICAST, PIM_GROUP, PIM_SOURCE };

/* Result of an encoded address: its size, PIM_ADDR_BAD when it is not one
 * or ends past the message or the capture (the caller's truncation mark),
 * PIM_ADDR_STOP when the packet stopped inside it (mark printed). */
#define PIM_ADDR_BAD (-1)
#define PIM_ADDR_STOP (-2)

/* An encoded unicast, group or source address (RFC 7761 4.9.1); addr_len
 * non-zero is RFC 2117's fixed-length encoding without family bytes. */
static int print_pim_addr(np_printer *pr, const uint8_t *p, uint32_t len, enum pim_addr_kind kind, uint32_t addr_len)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	int hdrlen = 0;
	if (addr_len == 0) {
		uint8_t af, enc;
		if (len < 2)
			return PIM_ADDR_BAD;
		NP_GET_U8(af, p, end);
		if (af == 1)
			addr_len = 4;
		else if (af == 2)
			addr_len = 16;
		else
			return PIM_ADDR_BAD;
		NP_GET_U8(enc, p + 1, end);
		if (enc != 0)
			return PIM_ADDR_BAD;
		hdrlen = 2;
	} else if (addr_len != 4 && addr_len != 16) {
		return PIM_ADDR_BAD;
	}
	p += hdrlen;
	len -= (uint32_t)hdrlen;
	if (kind == PIM_UNICAST) {
		if (len < addr_len || !np_has(p, end, addr_len))
			return PIM_ADDR_BAD;
		if (addr_len == 4)
			out_ipv4(o, p);
		else
			out_ipv6(o, p);
		return hdrlen + (int)addr_len;
	}
	if (len < addr_len + 2 || !np_has(p, end, addr_len + 2))
		return PIM_ADDR_BAD;
	if (addr_len == 4)
		out_ipv4(o, p + 2);
	else
		out_ipv6(o, p + 2);
	if (p[1] != addr_len * 8)
		out_fmt(o, "/%u", p[1]);
	if (p[0]) {
		if (kind == PIM_GROUP) {
			out_fmt(o, "(0x%02x)", p[0]);
		} else {
			out_fmt(o, "(%s%s%s", p[0] & 4 ? "S" : "", p[0] & 2 ? "W" : "", p[0] & 1 ? "R" : "");
			if (p[0] & 0xf8)
				out_fmt(o, "+0x%02x", p[0] & 0xf8);
			out_char(o, ')');
		}
	}
	return hdrlen + 2 + (int)addr_len;
trunc:
	print_trunc_stop(pr);
	return PIM_ADDR_STOP;
}

/* Prints one address of kind and advances *p, *len; false when the message
 * ends there (the truncation mark is printed). */
static bool pim_addr(np_printer *pr, const uint8_t **p, uint32_t *len, enum pim_addr_kind kind, uint32_t addr_len)
{
	int n = print_pim_addr(pr, *p, *len, kind, addr_len);
	if (n == PIM_ADDR_STOP)
		return false;
	if (n < 0) {
		print_trunc(pr);
		return false;
	}
	*p += n;
	*len -= (uint32_t)n;
	return true;
}

/* "(correct)", "(incorrect)" or "(unverified)" for the sum over [p, p+len). */
static const char *pim_cksum_verdict(np_printer *pr, const uint8_t *p, uint32_t len, const uint8_t *iph)
{
	if (!np_has(p, pr->snapend, len))
		return "(unverified)";
	uint16_t sum;
	if ((iph[0] >> 4) == 4)
		sum = np_in_cksum(p, len, 0);
	else if ((iph[0] >> 4) == 6)
		sum = print_l4_cksum(pr, iph, p, len, 103);
	else
		return "(unverified)";
	return sum ? "(incorrect)" : "(correct)";
}

/* The hello options; false when the packet stopped or the list was cut. */
static bool print_pim_hello(np_printer *pr, const uint8_t *p, uint32_t len, uint32_t addr_len)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	while (len > 0) {
		uint16_t type, olen;
		if (len < 4)
			goto cut;
		NP_GET_BE16(type, p, end);
		NP_GET_BE16(olen, p + 2, end);
		out_fmt(o,
			"\n\t  %s Option (%u), length %u, Value: ", tok2str(pimv2_hello_option_names, "Unknown", type),
			type, olen);
		p += 4;
		len -= 4;
		if (len < olen || !np_has(p, end, olen))
			goto cut;
		uint32_t want = 4;
		switch (type) {
		case OPT_HOLDTIME:
			if (olen != 2) {
				want = 2;
				goto bad_len;
			}
			print_relts(pr, (uint32_t)(p[0] << 8 | p[1]));
			break;
		case OPT_LANPRUNEDELAY:
			if (olen != 4)
				goto bad_len;
			out_fmt(o, "\n\t    T-bit=%u, LAN delay %ums, Override interval %ums", p[0] >> 7,
				(unsigned)((p[0] & 0x7f) << 8 | p[1]), (unsigned)(p[2] << 8 | p[3]));
			break;
		case OPT_DR_PRIORITY_OLD:
		case OPT_DR_PRIORITY:
			if (olen == 0)
				out_str(o, "Bi-Directional Capability (Old)");
			else if (olen == 4)
				out_fmt(o, "%u",
					(uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]);
			else
				goto bad_len;
			break;
		case OPT_GENID:
			if (olen != 4)
				goto bad_len;
			out_fmt(o, "0x%08x", (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]);
			break;
		case OPT_REFRESH_CAP:
			if (olen != 4)
				goto bad_len;
			out_fmt(o, "v%u", p[0]);
			if (p[1] != 0) {
				out_str(o, ", interval ");
				print_relts(pr, p[1]);
			}
			if (p[2] | p[3])
				out_fmt(o, " ?0x%04x?", (unsigned)(p[2] << 8 | p[3]));
			break;
		case OPT_BIDIR_CAP: break;
		case OPT_ADDRESS_LIST_OLD:
		case OPT_ADDRESS_LIST:
			if (pr->o.vflag > 1) {
				const uint8_t *a = p;
				uint32_t alen = len;
				while (a < p + olen) {
					out_str(o, "\n\t    ");
					if (!pim_addr(pr, &a, &alen, PIM_UNICAST, addr_len))
						return false;
				}
			}
			break;
		default:
			if (pr->o.vflag <= 1)
				print_unknown_data(pr, p, "\n\t    ", olen);
			break;
		}
		if (pr->o.vflag > 1)
			print_unknown_data(pr, p, "\n\t    ", olen);
		p += olen;
		len -= olen;
		continue;
	bad_len:
		out_fmt(o, "[option length %u != %u]", olen, want);
		print_invalid(pr);
		return false;
	}
	return true;
cut:
	print_trunc(pr);
	return false;
trunc:
	print_trunc_stop(pr);
	return false;
}

/* Join/Prune, Graft and Graft-Ack bodies. */
static void print_pim_join_prune(np_printer *pr, const uint8_t *p, uint32_t len, uint8_t type, uint32_t addr_len)
{
	np_out *o = pr->out;
	if (type != PIM_GRAFT_ACK) {
		out_str(o, ", upstream-neighbor: ");
		if (!pim_addr(pr, &p, &len, PIM_UNICAST, addr_len))
			return;
	}
	if (len < 4 || !np_has(p, pr->snapend, 4)) {
		print_trunc(pr);
		return;
	}
	uint8_t ngroup = p[1];
	uint16_t hold = (uint16_t)(p[2] << 8 | p[3]);
	out_fmt(o, "\n\t  %u group(s)", ngroup);
	if (type != PIM_GRAFT_ACK) {
		out_str(o, ", holdtime: ");
		if (hold == 0xffff)
			out_str(o, "infinite");
		else
			print_relts(pr, hold);
	}
	p += 4;
	len -= 4;
	for (unsigned i = 0; i < ngroup; i++) {
		out_fmt(o, "\n\t    group #%u: ", i + 1);
		if (!pim_addr(pr, &p, &len, PIM_GROUP, addr_len))
			return;
		if (len < 4 || !np_has(p, pr->snapend, 4)) {
			print_trunc(pr);
			return;
		}
		unsigned njoin = (unsigned)(p[0] << 8 | p[1]), nprune = (unsigned)(p[2] << 8 | p[3]);
		out_fmt(o, ", joined sources: %u, pruned sources: %u", njoin, nprune);
		p += 4;
		len -= 4;
		for (unsigned j = 0; j < njoin + nprune; j++) {
			if (j < njoin)
				out_fmt(o, "\n\t      joined source #%u: ", j + 1);
			else
				out_fmt(o, "\n\t      pruned source #%u: ", j - njoin + 1);
			if (!pim_addr(pr, &p, &len, PIM_SOURCE, addr_len))
				return;
		}
	}
}

static void print_pim_bootstrap(np_printer *pr, const uint8_t *p, uint32_t len, uint32_t addr_len)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	uint16_t tag;
	uint8_t v;
	if (len < 2)
		goto cut;
	NP_GET_BE16(tag, p, end);
	out_fmt(o, " tag=%x", tag);
	p += 2;
	len -= 2;
	if (len < 1)
		goto cut;
	NP_GET_U8(v, p, end);
	out_fmt(o, " hashmlen=%u", v);
	if (len < 2 || !np_has(p, end, 3))
		goto cut;
	out_fmt(o, " BSRprio=%u", p[1]);
	p += 2;
	len -= 2;
	out_str(o, " BSR=");
	if (!pim_addr(pr, &p, &len, PIM_UNICAST, addr_len))
		return;
	for (unsigned i = 0; len > 0; i++) {
		out_fmt(o, " (group%u: ", i);
		if (!pim_addr(pr, &p, &len, PIM_GROUP, addr_len))
			return;
		if (len < 1)
			goto cut;
		NP_GET_U8(v, p, end);
		out_fmt(o, " RPcnt=%u", v);
		if (len < 2)
			goto cut;
		uint8_t frpcnt;
		NP_GET_U8(frpcnt, p + 1, end);
		out_fmt(o, " FRPcnt=%u", frpcnt);
		if (len < 4)
			goto cut;
		p += 4;
		len -= 4;
		for (unsigned j = 0; j < frpcnt && len > 0; j++) {
			out_fmt(o, " RP%u=", j);
			if (!pim_addr(pr, &p, &len, PIM_UNICAST, addr_len))
				return;
			if (len < 2)
				goto cut;
			uint16_t hold;
			out_str(o, ",holdtime=");
			NP_GET_BE16(hold, p, end);
			print_relts(pr, hold);
			if (len < 3)
				goto cut;
			NP_GET_U8(v, p + 2, end);
			out_fmt(o, ",prio=%u", v);
			if (len < 4)
				goto cut;
			p += 4;
			len -= 4;
		}
		out_char(o, ')');
	}
	return;
cut:
	print_trunc(pr);
	return;
trunc:
	print_trunc_stop(pr);
}

static void print_pim_candidate_rp(np_printer *pr, const uint8_t *p, uint32_t len, uint32_t addr_len)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	uint8_t cnt, prio;
	uint16_t hold;
	if (len < 1)
		goto cut;
	NP_GET_U8(cnt, p, end);
	out_fmt(o, " prefix-cnt=%u", cnt);
	if (len < 2)
		goto cut;
	NP_GET_U8(prio, p + 1, end);
	out_fmt(o, " prio=%u", prio);
	if (len < 4)
		goto cut;
	out_str(o, " holdtime=");
	NP_GET_BE16(hold, p + 2, end);
	print_relts(pr, hold);
	p += 4;
	len -= 4;
	out_str(o, " RP=");
	if (!pim_addr(pr, &p, &len, PIM_UNICAST, addr_len))
		return;
	for (unsigned i = 0; i < cnt && len > 0; i++) {
		out_fmt(o, " Group%u=", i);
		if (!pim_addr(pr, &p, &len, PIM_GROUP, addr_len))
			return;
	}
	return;
cut:
	print_trunc(pr);
	return;
trunc:
	print_trunc_stop(pr);
}

static void print_pim_df_election(np_printer *pr, const uint8_t *p, uint32_t len, uint8_t subtype, uint32_t addr_len)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	uint32_t pref, metric;
	uint16_t interval;
	out_fmt(o, "\n\t  %s,", tok2str(pimv2_df_names, "Unknown", subtype));
	out_str(o, " rpa=");
	if (!pim_addr(pr, &p, &len, PIM_UNICAST, addr_len))
		return;
	NP_GET_BE32(pref, p, end);
	out_fmt(o, " sender pref=%u", pref);
	NP_GET_BE32(metric, p + 4, end);
	out_fmt(o, " sender metric=%u", metric);
	p += 8;
	len -= 8; /* wraps like tcpdump's u_int; the address check stops it */
	if (subtype != 3 && subtype != 4)
		return;
	const char *who = subtype == 3 ? "offer" : "new winner";
	out_fmt(o, "\n\t  %s addr=", who);
	if (!pim_addr(pr, &p, &len, PIM_UNICAST, addr_len))
		return;
	NP_GET_BE32(pref, p, end);
	out_fmt(o, " %s pref=%u", who, pref);
	NP_GET_BE32(metric, p + 4, end);
	out_fmt(o, " %s metric=%u", who, metric);
	if (subtype == 3) {
		NP_GET_BE16(interval, p + 8, end);
		out_fmt(o, " interval %dms", interval);
	}
	return;
trunc:
	print_trunc_stop(pr);
}

/* Register: flags, then the multicast packet it carries. */
static void print_pim_register(np_printer *pr, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	uint32_t flags = 0;
	if (len < 4 || !np_get_be32(p, pr->snapend, &flags)) {
		print_trunc(pr);
		return;
	}
	out_fmt(o, ", Flags [ %s ]\n\t", tok2str(pimv2_register_flag_names, "none", flags));
	p += 4;
	len -= 4;
	if (len == 0) {
		print_trunc(pr);
		return;
	}
	uint8_t v;
	if (!np_get_u8(p, pr->snapend, &v)) {
		print_trunc_stop(pr);
		return;
	}
	switch (v >> 4) {
	case 0: /* null header: addresses only */
		if (!np_has(p + 12, pr->snapend, 8)) {
			print_trunc_stop(pr);
			return;
		}
		out_str(o, "IP-Null-header ");
		out_ipv4(o, p + 12);
		out_str(o, " > ");
		out_ipv4(o, p + 16);
		break;
	case 4: print_ip(pr, p, len); break;
	case 6: print_ip6(pr, p, len); break;
	default: out_fmt(o, "IP ver %u", v >> 4); break;
	}
}

static void print_pimv2(np_printer *pr, const uint8_t *p, uint32_t len, const uint8_t *iph)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	uint8_t typever, rsv;
	uint16_t cksum;
	pr->protocol = "pimv2";
	if (len < 2) {
		out_fmt(o, "[length %u < 2]", len);
		print_invalid(pr);
		return;
	}
	NP_GET_U8(typever, p, end);
	NP_GET_U8(rsv, p + 1, end);
	uint32_t addr_len = rsv & 0x0f;
	uint8_t type = typever & 0x0f;
	if (addr_len != 0)
		out_str(o, ", RFC2117-encoding");
	if (len < 4) {
		out_fmt(o, "[length %u < 4]", len);
		print_invalid(pr);
		return;
	}
	NP_GET_BE16(cksum, p + 2, end);
	out_fmt(o, ", cksum 0x%04x ", cksum);
	if (cksum == 0) {
		out_str(o, "(unverified)");
	} else if (type == PIM_REGISTER) {
		/* RFC 4601: over the header, or (accepted too) the whole message */
		const char *v = pim_cksum_verdict(pr, p, 8, iph);
		if (v[1] == 'i')
			v = pim_cksum_verdict(pr, p, len, iph);
		out_str(o, v);
	} else {
		out_str(o, pim_cksum_verdict(pr, p, len, iph));
	}
	p += 4;
	len -= 4;
	switch (type) {
	case PIM_HELLO: (void)print_pim_hello(pr, p, len, addr_len); break;
	case PIM_REGISTER: print_pim_register(pr, p, len); break;
	case PIM_REGISTER_STOP:
		out_str(o, " group=");
		if (!pim_addr(pr, &p, &len, PIM_GROUP, addr_len))
			return;
		out_str(o, " source=");
		(void)pim_addr(pr, &p, &len, PIM_UNICAST, addr_len);
		break;
	case PIM_JOIN_PRUNE:
	case PIM_GRAFT:
	case PIM_GRAFT_ACK: print_pim_join_prune(pr, p, len, type, addr_len); break;
	case PIM_BOOTSTRAP: print_pim_bootstrap(pr, p, len, addr_len); break;
	case PIM_ASSERT:
		out_str(o, " group=");
		if (!pim_addr(pr, &p, &len, PIM_GROUP, addr_len))
			return;
		out_str(o, " src=");
		if (!pim_addr(pr, &p, &len, PIM_UNICAST, addr_len))
			return;
		if (len < 8 || !np_has(p, end, 8)) {
			print_trunc(pr);
			return;
		}
		if (p[0] & 0x80)
			out_str(o, " RPT");
		out_fmt(o, " pref=%u",
			((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]) & 0x7fffffffu);
		out_fmt(o, " metric=%u", (uint32_t)p[4] << 24 | (uint32_t)p[5] << 16 | (uint32_t)p[6] << 8 | p[7]);
		break;
	case PIM_CANDIDATE_RP: print_pim_candidate_rp(pr, p, len, addr_len); break;
	case PIM_PRUNE_REFRESH: {
		out_str(o, " src=");
		if (!pim_addr(pr, &p, &len, PIM_UNICAST, addr_len))
			return;
		out_str(o, " grp=");
		if (!pim_addr(pr, &p, &len, PIM_GROUP, addr_len))
			return;
		out_str(o, " forwarder=");
		if (!pim_addr(pr, &p, &len, PIM_UNICAST, addr_len))
			return;
		if (len < 2) {
			print_trunc(pr);
			return;
		}
		uint16_t tunr;
		out_str(o, " TUNR ");
		NP_GET_BE16(tunr, p, end);
		print_relts(pr, tunr);
		break;
	}
	case PIM_DF_ELECTION: print_pim_df_election(pr, p, len, rsv >> 4, addr_len); break;
	default: out_fmt(o, " [type %u]", type); break;
	}
	return;
trunc:
	print_trunc_stop(pr);
}

void print_pim(np_printer *pr, const uint8_t *p, uint32_t length, const uint8_t *iph)
{
	np_out *o = pr->out;
	uint8_t typever;
	pr->protocol = "pim";
	NP_GET_U8(typever, p, pr->snapend);
	if ((typever >> 4) != 2) {
		out_fmt(o, "PIMv%u, length %u", typever >> 4, length);
		return;
	}
	const char *name = tok2str(pimv2_type_names, "Unknown Type", typever & 0x0f);
	if (!pr->o.vflag) {
		out_fmt(o, "PIMv2, %s, length %u", name, length);
		return;
	}
	out_fmt(o, "PIMv2, length %u\n\t%s", length, name);
	print_pimv2(pr, p, length, iph);
	return;
trunc:
	print_trunc_stop(pr);
}

static const np_tok pimv1_type_names[] = {
	{0, "Query"},  {1, "Register"}, {2, "Register-Stop"}, {3, "Join/Prune"}, {4, "RP-reachable"},
	{5, "Assert"}, {6, "Graft"},    {7, "Graft-ACK"},     {0, NULL},
};

/* "A.B.C.D" at p and, unless the mask at m is all ones, "/mask". */
static bool pimv1_addr_mask(np_printer *pr, const uint8_t *p, const uint8_t *m)
{
	uint32_t mask;
	if (!np_has(p, pr->snapend, 4))
		return false;
	out_ipv4(pr->out, p);
	if (!np_get_be32(m, pr->snapend, &mask))
		return false;
	if (mask != 0xffffffffu) {
		out_char(pr->out, '/');
		out_ipv4(pr->out, m);
	}
	return true;
}

/* PIMv1 Join/Prune, Graft and Graft-Ack after the 8-byte header. */
static void print_pimv1_join_prune(np_printer *pr, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	if (np_has(p, end, 30) && p[11] == 1 && (p[20] << 8 | p[21]) + (p[22] << 8 | p[23]) == 1) {
		/* one group, one source: one line */
		unsigned njoin = (unsigned)(p[20] << 8 | p[21]), hold = (unsigned)(p[6] << 8 | p[7]);
		out_str(o, " RPF ");
		out_ipv4(o, p);
		out_char(o, ' ');
		if (hold != 180) {
			out_str(o, "Hold ");
			print_relts(pr, hold);
		}
		out_str(o, njoin ? "Join (" : "Prune (");
		out_ipv4(o, p + 26);
		out_fmt(o, "/%u, ", p[25] & 0x3f);
		if (!pimv1_addr_mask(pr, p + 12, p + 16))
			goto trunc;
		out_fmt(o, ") %s%s %s", p[24] & 1 ? "Sparse" : "Dense", p[25] & 0x80 ? " WC" : "",
			p[25] & 0x40 ? "RP" : "SPT");
		return;
	}
	if (len < 4)
		goto cut;
	if (pr->o.vflag > 1)
		out_char(o, '\n');
	if (!np_has(p, end, 4))
		goto trunc;
	out_str(o, " Upstream Nbr: ");
	out_ipv4(o, p);
	p += 4;
	len -= 4;
	if (len < 4)
		goto cut;
	if (pr->o.vflag > 1)
		out_char(o, '\n');
	uint16_t hold;
	out_str(o, " Hold time: ");
	NP_GET_BE16(hold, p + 2, end);
	print_relts(pr, hold);
	if (pr->o.vflag < 2)
		return;
	p += 4;
	len -= 4;
	if (len < 4)
		goto cut;
	uint8_t ngroups;
	NP_GET_U8(ngroups, p + 3, end);
	p += 4;
	len -= 4;
	for (; ngroups != 0; ngroups--) {
		if (len < 4)
			goto cut;
		NP_CHECK(p, end, 4);
		out_str(o, "\n\tGroup: ");
		out_ipv4(o, p);
		p += 4;
		len -= 4;
		if (len < 4)
			goto cut;
		uint32_t mask;
		NP_GET_BE32(mask, p, end);
		if (mask != 0xffffffffu) {
			out_char(o, '/');
			out_ipv4(o, p);
		}
		p += 4;
		len -= 4;
		if (len < 4)
			goto cut;
		uint16_t njoin, nprune;
		NP_GET_BE16(njoin, p, end);
		NP_GET_BE16(nprune, p + 2, end);
		out_fmt(o, " joined: %u pruned: %u", njoin, nprune);
		p += 4;
		len -= 4;
		for (uint32_t i = 0; i < (uint32_t)njoin + nprune; i++) {
			if (len < 6)
				goto cut;
			NP_CHECK(p, end, 6);
			out_fmt(o, "\n\t%s %s%s%s", i < njoin ? "Join " : "Prune", p[0] & 1 ? "Sparse " : "Dense ",
				p[1] & 0x80 ? "WC " : "", p[1] & 0x40 ? "RP " : "SPT ");
			out_ipv4(o, p + 2);
			out_fmt(o, "/%u", p[1] & 0x3f);
			p += 6;
			len -= 6;
		}
	}
	return;
cut:
	print_trunc(pr);
	return;
trunc:
	print_trunc_stop(pr);
}

void print_pimv1(np_printer *pr, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	uint8_t type, v;
	uint16_t hold;
	uint32_t pref, metric;
	pr->protocol = "pimv1";
	NP_GET_U8(type, p + 1, end);
	out_fmt(o, " %s", tok2str(pimv1_type_names, "[type %u]", type));
	switch (type) {
	case 0: /* Query */
		if (np_get_u8(p + 8, end, &v)) {
			switch (v >> 4) {
			case 0: out_str(o, " Dense-mode"); break;
			case 1: out_str(o, " Sparse-mode"); break;
			case 2: out_str(o, " Sparse-Dense-mode"); break;
			default: out_fmt(o, " mode-%u", v >> 4); break;
			}
		}
		if (pr->o.vflag) {
			out_str(o, " (Hold-time ");
			NP_GET_BE16(hold, p + 10, end);
			print_relts(pr, hold);
			out_char(o, ')');
		}
		break;
	case 1: /* Register: the addresses of the IP header it carries */
		if (!np_has(p + 8, end, 20)) {
			print_trunc(pr);
			return;
		}
		out_str(o, " for ");
		out_ipv4(o, p + 20);
		out_str(o, " > ");
		out_ipv4(o, p + 24);
		break;
	case 2: /* Register-Stop */
		NP_CHECK(p + 8, end, 8);
		out_str(o, " for ");
		out_ipv4(o, p + 8);
		out_str(o, " > ");
		out_ipv4(o, p + 12);
		break;
	case 4: /* RP-reachable */
		if (pr->o.vflag) {
			NP_CHECK(p + 8, end, 4);
			out_str(o, " group ");
			if (!pimv1_addr_mask(pr, p + 8, p + 12))
				goto trunc;
			NP_CHECK(p + 16, end, 4);
			out_str(o, " RP ");
			out_ipv4(o, p + 16);
			out_str(o, " hold ");
			NP_GET_BE16(hold, p + 22, end);
			print_relts(pr, hold);
		}
		break;
	case 5:                           /* Assert */
		NP_CHECK(p + 8, end, 12); /* source and group */
		out_str(o, " for ");
		out_ipv4(o, p + 16);
		out_str(o, " > ");
		if (!pimv1_addr_mask(pr, p + 8, p + 12))
			goto trunc;
		NP_GET_BE32(pref, p + 20, end);
		NP_GET_BE32(metric, p + 24, end);
		out_fmt(o, " %s pref %u metric %u", pref & 0x80000000u ? "RP-tree" : "SPT", pref & 0x7fffffffu, metric);
		break;
	case 3:
	case 6:
	case 7:
		if (pr->o.vflag) {
			if (len < 8) {
				print_trunc(pr);
				return;
			}
			print_pimv1_join_prune(pr, p + 8, len - 8);
			if (pr->stopped)
				return;
		}
		break;
	default: break;
	}
	NP_GET_U8(v, p + 4, end);
	if ((v >> 4) != 1)
		out_fmt(o, " [v%u]", v >> 4);
	return;
trunc:
	print_trunc_stop(pr);
}

/* Cisco auto-RP (UDP 496; pim-autorp-spec01, version 1+), tcpdump's
 * cisco_autorp_print: the type, hold time and each RP with its PIM
 * versions and group entries. */
void print_cisco_autorp(np_printer *pr, const uint8_t *bp, uint32_t len)
{
	np_out *o = pr->out;
	pr->protocol = "cisco_autorp";
	if (len < 8)
		goto trunc;
	out_str(o, " auto-rp ");
	uint8_t type, numrps;
	uint16_t hold;
	NP_GET_U8(type, bp, pr->snapend);
	if (type == 0x11)
		out_str(o, "candidate-advert");
	else if (type == 0x12)
		out_str(o, "mapping");
	else
		out_fmt(o, "type-0x%02x", type);
	NP_GET_U8(numrps, bp + 1, pr->snapend);
	out_str(o, " Hold ");
	NP_GET_BE16(hold, bp + 2, pr->snapend);
	if (hold)
		print_relts(pr, hold);
	else
		out_str(o, "FOREVER");
	bp += 8;
	len -= 8;
	static const char *const versions[] = {" PIMv?", " PIMv1", " PIMv2", " PIMv1+2"};
	for (; numrps != 0; numrps--) {
		if (len < 4)
			goto trunc;
		NP_CHECK(bp, pr->snapend, 4);
		out_str(o, " RP ");
		out_ipv4(o, bp);
		bp += 4;
		len -= 4;
		if (len < 1)
			goto trunc;
		uint8_t v, nentries;
		NP_GET_U8(v, bp, pr->snapend);
		out_str(o, versions[v & 3]);
		if (v & 0xfc)
			out_fmt(o, " [rsvd=0x%02x]", v & 0xfc);
		bp++;
		len--;
		if (len < 1)
			goto trunc;
		NP_GET_U8(nentries, bp, pr->snapend);
		bp++;
		len--;
		char sep = ' ';
		for (; nentries != 0; nentries--) {
			if (len < 6)
				goto trunc;
			NP_CHECK(bp, pr->snapend, 6);
			out_fmt(o, "%c%s", sep, (bp[0] & 1) ? "!" : "");
			out_ipv4(o, bp + 2);
			out_fmt(o, "/%u", bp[1]);
			if (bp[0] & 0x02)
				out_str(o, " bidir");
			if (bp[0] & 0xfc)
				out_fmt(o, "[rsvd=0x%02x]", bp[0] & 0xfc);
			sep = ',';
			bp += 6;
			len -= 6;
		}
	}
	return;
trunc:
	print_trunc_stop(pr);
}
