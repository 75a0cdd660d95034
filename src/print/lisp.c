/*
 * lisp.c - LISP control messages (RFC 6830, UDP 4342) as tcpdump's
 * lisp_print writes them: the type and, for Map-Register and Map-Notify,
 * the flags, authentication, each EID record with its locators, and the
 * xTR-ID and site ID (or the rest as hex).
 *
 * Not for: Map-Request, Map-Reply and encapsulated control messages (only
 * their type is printed, as by tcpdump), or LCAF addresses.
 */
#include "print.h"

#define LISP_HDR_LEN 16
#define LISP_EID_LEN 12
#define LISP_LOC_LEN 8

enum { LISP_MAP_REGISTER = 3, LISP_MAP_NOTIFY = 4 };

static const np_tok lisp_types[] = {
	{0, "LISP-Reserved"},
	{1, "LISP-Map-Request"},
	{2, "LISP-Map-Reply"},
	{3, "LISP-Map-Register"},
	{4, "LISP-Map-Notify"},
	{8, "LISP-Encapsulated-Contol-Message"},
	{0, NULL},
};
static const np_tok register_flags[] = {
	{0x08000000, "P-Proxy-Map-Reply"}, {0x04000000, "S-LISP-SEC-Capable"}, {0x02000000, "I-xTR-ID-Present"},
	{0x01000000, "R-Build-For-RTR"},   {0x00000100, "M-Want-Map-Notify"},  {0, NULL},
};
static const np_tok notify_flags[] = {{0x08000000, "I-xTR-ID-Present"}, {0x04000000, "R-Build-For-RTR"}, {0, NULL}};
static const np_tok auth_types[] = {{0, "None"}, {1, "SHA1"}, {2, "SHA256"}, {0, NULL}};
static const np_tok eid_actions[] = {
	{0, "No-Action"}, {1, "Natively-Forward"}, {2, "Send-Map-Request"}, {3, "Drop"}, {0, NULL},
};
static const np_tok loc_flags[] = {
	{0x0004, "Local-Locator"}, {0x0002, "RLoc-Probed"}, {0x0001, "Reachable"}, {0, NULL}};

/* The address of family afi (1 IPv4, 2 IPv6) at a: its length, 0 for other families. */
static uint32_t print_lisp_addr(np_printer *pr, uint16_t afi, const uint8_t *a)
{
	if (afi == 1)
		out_ipv4(pr->out, a);
	else
		out_ipv6(pr->out, a);
	return afi == 1 ? 4 : 16;
}

/* The locators of one record, from off; false when the packet stopped. */
static bool print_locators(np_printer *pr, const uint8_t *bp, uint32_t *off, uint32_t count)
{
	np_out *o = pr->out;
	while (count-- != 0) {
		const uint8_t *loc = bp + *off;
		if (!np_has(loc, pr->snapend, LISP_LOC_LEN))
			return false;
		*off += LISP_LOC_LEN;
		uint16_t afi = np_load_be16(loc + 6);
		if (pr->o.vflag)
			out_str(o, "\n       ");
		if (afi == 1 || afi == 2) {
			if (!np_has(bp + *off, pr->snapend, afi == 1 ? 4 : 16))
				return false;
			out_str(o, " LOC ");
			*off += print_lisp_addr(pr, afi, loc + LISP_LOC_LEN);
		}
		if (pr->o.vflag) {
			out_fmt(o, "\n          Priority/Weight %u/%u, Multicast Priority/Weight %u/%u, flags [",
				loc[0], loc[1], loc[2], loc[3]);
			print_bits(pr, loc_flags, np_load_be16(loc + 4), ", ", "none");
			out_str(o, "],");
		}
	}
	return true;
}

void print_lisp(np_printer *pr, const uint8_t *bp, uint32_t length)
{
	np_out *o = pr->out;
	pr->protocol = "lisp";
	if (!np_has(bp, pr->snapend, LISP_HDR_LEN))
		goto trunc;
	uint8_t type = bp[0] >> 4;
	out_fmt(o, "%s,", tok2str(lisp_types, "unknown-type-%u", type));
	if (pr->o.vflag && (type == LISP_MAP_REGISTER || type == LISP_MAP_NOTIFY)) {
		out_str(o, " flags [");
		print_bits(pr, type == LISP_MAP_REGISTER ? register_flags : notify_flags, np_load_be32(bp), ", ",
			   "none");
		out_str(o, "],");
	}
	if (type != LISP_MAP_REGISTER && type != LISP_MAP_NOTIFY)
		return;
	bool xtr = type == LISP_MAP_REGISTER ? (bp[0] & 2) : (bp[0] & 8);
	uint32_t auth_len = np_load_be16(bp + 14), records = bp[3];
	uint32_t off = LISP_HDR_LEN;
	if (pr->o.vflag) {
		out_fmt(o, "\n    %u record(s), Authentication %s,", records,
			tok2str(auth_types, "unknown-type", np_load_be16(bp + 12)));
		if (!print_hex_offset(pr, "\n    Authentication-Data: ", bp + off, auth_len, 0)) {
			pr->stopped = true;
			return;
		}
	} else {
		out_fmt(o, " %u record(s),", records);
	}
	off = (uint16_t)(off + auth_len); /* tcpdump keeps the offset in 16 bits */
	if (records == 0) {
		print_invalid(pr);
		return;
	}
	while (length > off && records != 0) {
		records--;
		const uint8_t *eid = bp + off;
		if (!np_has(eid, pr->snapend, LISP_EID_LEN))
			goto trunc;
		out_char(o, '\n');
		off += LISP_EID_LEN;
		uint32_t mask_len = eid[5], locs = eid[4];
		uint16_t afi = np_load_be16(eid + 10);
		if (pr->o.vflag) {
			out_fmt(o, "      Record TTL %u,", np_load_be32(eid));
			out_str(o, (eid[6] >> 4) & 1 ? " Authoritative," : " Non-Authoritative,");
			out_fmt(o, " %s,", tok2str(eid_actions, "unknown", eid[6] >> 5));
			out_fmt(o, " Map Version: %u,", np_load_be16(eid + 8) & 0x0fff);
		}
		if (afi != 1 && afi != 2)
			return; /* LCAF: tcpdump stops here */
		if (!np_has(bp + off, pr->snapend, afi == 1 ? 4 : 16))
			goto stop;
		out_str(o, " EID ");
		off += print_lisp_addr(pr, afi, bp + off);
		out_fmt(o, "/%u,", mask_len);
		out_fmt(o, " %u locator(s)", locs);
		if (!print_locators(pr, bp, &off, locs))
			goto trunc;
		off = (uint16_t)off;
	}
	if (xtr) {
		if (!np_has(bp + off, pr->snapend, 24)) {
			print_invalid(pr);
			return;
		}
		print_hex_offset(pr, "\n    xTR-ID: ", bp + off, 16, 0);
		uint64_t site = (uint64_t)np_load_be32(bp + off + 16) << 32 | np_load_be32(bp + off + 20);
		out_fmt(o, "\n    SITE-ID: %llu", (unsigned long long)site);
	} else if (bp + off < pr->snapend) {
		print_hex_offset(pr, "\n    Data: ", bp + off, print_caplen_from(pr, bp + off), 0);
	}
	return;
trunc:
	print_trunc(pr);
	return;
stop:
	print_trunc_stop(pr);
}
