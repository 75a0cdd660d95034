/*
 * aoe.c - ATA over Ethernet (ethertype 0x88a2) as tcpdump's aoe_print
 * writes it: the length and version, and for version 1 the flags and,
 * with -v, the error, shelf and slot, command and tag, then the command's
 * arguments: an ATA command's registers, a config query's string, a MAC
 * mask list's directives, a reserve/release list.
 *
 * Not for: the ATA data itself (only its length is printed).
 */
#include "print.h"

#define AOEV1_COMMON_HDR_LEN 10u
#define AOEV1_ISSUE_ARG_LEN 12u
#define AOEV1_QUERY_ARG_LEN 8u
#define AOEV1_MAC_ARG_LEN 4u
#define AOEV1_RESERVE_ARG_LEN 2u
#define AOEV1_MAX_CONFSTR_LEN 1024u
#define AOEV1_FLAG_E 0x04

enum { CMD_ISSUE_ATA = 0, CMD_QUERY_CONFIG = 1, CMD_MAC_MASK_LIST = 2, CMD_RESERVE_RELEASE = 3 };

static const np_tok commands[] = {
	{CMD_ISSUE_ATA, "Issue ATA Command"},
	{CMD_QUERY_CONFIG, "Query Config Information"},
	{CMD_MAC_MASK_LIST, "MAC Mask List"},
	{CMD_RESERVE_RELEASE, "Reserve/Release"},
	{0, NULL},
};
static const np_tok flags_v1[] = {{0x08, "Response"}, {0x04, "Error"}, {0x02, "MBZ-1"}, {0x01, "MBZ-0"}, {0, NULL}};
static const np_tok errcodes[] = {
	{1, "Unrecognized command code"},
	{2, "Bad argument parameter"},
	{3, "Device unavailable"},
	{4, "Config string present"},
	{5, "Unsupported version"},
	{6, "Target is reserved"},
	{0, NULL},
};
static const np_tok aflags[] = {
	{0x80, "MBZ-7"}, {0x40, "Ext48"}, {0x20, "MBZ-5"}, {0x10, "Device"}, {0x08, "MBZ-3"},
	{0x04, "MBZ-2"}, {0x02, "Async"}, {0x01, "Write"}, {0, NULL},
};
static const np_tok ccmds[] = {
	{0, "read config string"}, {1, "test config string"},      {2, "test config string prefix"},
	{3, "set config string"},  {4, "force set config string"}, {0, NULL},
};
static const np_tok mcmds[] = {{0, "Read Mac Mask List"}, {1, "Edit Mac Mask List"}, {0, NULL}};
static const np_tok merrors[] = {{1, "Unspecified Error"}, {2, "Bad DCmd directive"}, {3, "Mask list full"}, {0, NULL}};
static const np_tok dcmds[] = {
	{0, "No Directive"},
	{1, "Add mac address to mask list"},
	{2, "Delete mac address from mask list"},
	{0, NULL},
};
static const np_tok rcmds[] = {
	{0, "Read reserve list"}, {1, "Set reserve list"}, {2, "Force set reserve list"}, {0, NULL}};

/* tcpdump's "invalid" ending: the note, then the truncation stop when the
 * rest is not all captured. */
static void aoe_invalid(np_printer *pr, const uint8_t *cp, uint32_t len)
{
	print_invalid(pr);
	print_rest_captured(pr, cp, len);
}

static void print_issue(np_printer *pr, const uint8_t *cp, uint32_t len)
{
	static const char *const fields[] = {
		", Err/Feature: ", ", Sector Count: ", ", Cmd/Status: ", "\n\tlba0: ", ", lba1: ",
		", lba2: ",        ", lba3: ",         ", lba4: ",       ", lba5: "};
	np_out *o = pr->out;
	if (len < AOEV1_ISSUE_ARG_LEN) {
		aoe_invalid(pr, cp, len);
		return;
	}
	uint8_t b;
	NP_GET_U8(b, cp, pr->snapend);
	out_str(o, "\n\tAFlags: [");
	print_bits(pr, aflags, b, ", ", "none");
	out_char(o, ']');
	for (int i = 0; i < 9; i++) {
		NP_GET_U8(b, cp + 1 + i, pr->snapend);
		out_str(o, fields[i]);
		out_u32(o, b);
	}
	NP_CHECK(cp + 10, pr->snapend, 2);
	len -= AOEV1_ISSUE_ARG_LEN;
	if (len)
		out_fmt(o, "\n\tData: %u bytes", len);
	return;
trunc:
	print_trunc_stop(pr);
}

static void print_query(np_printer *pr, const uint8_t *cp, uint32_t len)
{
	np_out *o = pr->out;
	if (len < AOEV1_QUERY_ARG_LEN)
		goto invalid;
	uint16_t v;
	uint8_t b;
	NP_GET_BE16(v, cp, pr->snapend);
	out_fmt(o, "\n\tBuffer Count: %u", v);
	NP_GET_BE16(v, cp + 2, pr->snapend);
	out_fmt(o, ", Firmware Version: %u", v);
	NP_GET_U8(b, cp + 4, pr->snapend);
	out_fmt(o, ", Sector Count: %u", b);
	NP_GET_U8(b, cp + 5, pr->snapend);
	out_fmt(o, ", AoE: %u, CCmd: %s", b >> 4, tok2str(ccmds, "Unknown (0x02x)", b & 0x0f));
	uint16_t cslen;
	NP_GET_BE16(cslen, cp + 6, pr->snapend);
	cp += AOEV1_QUERY_ARG_LEN;
	len -= AOEV1_QUERY_ARG_LEN;
	if (cslen > AOEV1_MAX_CONFSTR_LEN || cslen > len)
		goto invalid;
	if (cslen) {
		out_fmt(o, "\n\tConfig String (length %u): ", cslen);
		if (!print_text(pr, cp, cslen))
			goto trunc;
	}
	return;
invalid:
	aoe_invalid(pr, cp, len);
	return;
trunc:
	print_trunc_stop(pr);
}

static void print_mac_list(np_printer *pr, const uint8_t *cp, uint32_t len)
{
	np_out *o = pr->out;
	if (len < AOEV1_MAC_ARG_LEN)
		goto invalid;
	uint8_t b, dircount;
	NP_GET_U8(b, cp + 1, pr->snapend);
	out_fmt(o, "\n\tMCmd: %s", tok2str(mcmds, "Unknown (0x%02x)", b));
	NP_GET_U8(b, cp + 2, pr->snapend);
	out_fmt(o, ", MError: %s", tok2str(merrors, "Unknown (0x%02x)", b));
	NP_GET_U8(dircount, cp + 3, pr->snapend);
	cp += AOEV1_MAC_ARG_LEN;
	len -= AOEV1_MAC_ARG_LEN;
	out_fmt(o, ", Dir Count: %u", dircount);
	if (dircount * 8u > len)
		goto invalid;
	for (unsigned i = 0; i < dircount; i++, cp += 8, len -= 8) {
		NP_GET_U8(b, cp + 1, pr->snapend);
		out_fmt(o, "\n\t DCmd: %s", tok2str(dcmds, "Unknown (0x%02x)", b));
		NP_CHECK(cp + 2, pr->snapend, 6);
		out_str(o, ", Ethernet Address: ");
		out_mac(o, cp + 2);
	}
	return;
invalid:
	aoe_invalid(pr, cp, len);
	return;
trunc:
	print_trunc_stop(pr);
}

static void print_reserve(np_printer *pr, const uint8_t *cp, uint32_t len)
{
	np_out *o = pr->out;
	if (len < AOEV1_RESERVE_ARG_LEN || (len - AOEV1_RESERVE_ARG_LEN) % 6)
		goto invalid;
	uint8_t b, nmacs;
	NP_GET_U8(b, cp, pr->snapend);
	out_fmt(o, "\n\tRCmd: %s", tok2str(rcmds, "Unknown (0x%02x)", b));
	NP_GET_U8(nmacs, cp + 1, pr->snapend);
	cp += 2;
	len -= 2;
	out_fmt(o, ", NMacs: %u", nmacs);
	if (nmacs * 6u != len)
		goto invalid;
	for (unsigned i = 0; i < nmacs; i++, cp += 6, len -= 6) {
		NP_CHECK(cp, pr->snapend, 6);
		out_fmt(o, "\n\tEthernet Address %u: ", i);
		out_mac(o, cp);
	}
	return;
invalid:
	aoe_invalid(pr, cp, len);
	return;
trunc:
	print_trunc_stop(pr);
}

static void print_aoev1(np_printer *pr, const uint8_t *cp, uint32_t len)
{
	np_out *o = pr->out;
	if (len < AOEV1_COMMON_HDR_LEN) {
		aoe_invalid(pr, cp, len);
		return;
	}
	uint8_t flags = cp[0] & 0x0f; /* captured: the caller read it */
	out_str(o, ", Flags: [");
	print_bits(pr, flags_v1, flags, ", ", "none");
	out_char(o, ']');
	if (!pr->o.vflag)
		return;
	uint8_t b, command;
	if (flags & AOEV1_FLAG_E) {
		NP_GET_U8(b, cp + 1, pr->snapend);
		out_fmt(o, "\n\tError: %s", tok2str(errcodes, "Invalid (%u)", b));
	}
	uint16_t major;
	NP_GET_BE16(major, cp + 2, pr->snapend);
	out_fmt(o, "\n\tMajor: 0x%04x", major);
	NP_GET_U8(b, cp + 4, pr->snapend);
	out_fmt(o, ", Minor: 0x%02x", b);
	NP_GET_U8(command, cp + 5, pr->snapend);
	out_fmt(o, ", Command: %s", tok2str(commands, "Unknown (0x%02x)", command));
	uint32_t tag;
	NP_GET_BE32(tag, cp + 6, pr->snapend);
	out_fmt(o, ", Tag: 0x%08x", tag);
	cp += AOEV1_COMMON_HDR_LEN;
	len -= AOEV1_COMMON_HDR_LEN;
	switch (command) {
	case CMD_ISSUE_ATA: print_issue(pr, cp, len); break;
	case CMD_QUERY_CONFIG: print_query(pr, cp, len); break;
	case CMD_MAC_MASK_LIST: print_mac_list(pr, cp, len); break;
	case CMD_RESERVE_RELEASE: print_reserve(pr, cp, len); break;
	default: break;
	}
	return;
trunc:
	print_trunc_stop(pr);
}

void print_aoe(np_printer *pr, const uint8_t *cp, uint32_t len)
{
	pr->protocol = "aoe";
	out_fmt(pr->out, "AoE length %u", len);
	if (len < 1) {
		aoe_invalid(pr, cp, len);
		return;
	}
	uint8_t ver;
	NP_GET_U8(ver, cp, pr->snapend);
	ver >>= 4;
	out_fmt(pr->out, ", Ver %u", ver);
	if (ver == 1)
		print_aoev1(pr, cp, len);
	return;
trunc:
	print_trunc_stop(pr);
}
