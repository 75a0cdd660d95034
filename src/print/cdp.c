/*
 * cdp.c - Cisco Discovery Protocol text (SNAP OUI 00000c, PID 0x2000) as
 * tcpdump 4.99's print-cdp.c writes it: "CDPv2, ttl: 180s, Device-ID
 * 'S1', length N", and with -v every TLV: addresses, port, capabilities,
 * version text, platform, prefixes, VTP domain, native VLAN, duplex, VoIP
 * VLAN, power, MTU, trust, system name, management addresses, location.
 *
 * Not for: CDP's checksum (tcpdump does not verify it either).
 */
#include <string.h>

#include "print.h"

#define CDP_HEADER_LEN 4
#define CDP_TLV_HEADER_LEN 4
#define CDP_TYPE_DEVICE_ID 0x01

static const np_tok cdp_capability_names[] = {
	{0x01, "Router"},     {0x02, "Transparent Bridge"}, {0x04, "Source Route Bridge"}, {0x08, "L2 Switch"},
	{0x10, "L3 capable"}, {0x20, "IGMP snooping"},      {0x40, "L1 capable"},          {0, NULL},
};

/* Each printer gets a value of len bytes, len within the TLV's limits;
 * false when it ran off the capture. */
typedef bool (*cdp_value_printer)(np_printer *pr, const uint8_t *p, uint32_t len);

static bool cdp_string(np_printer *pr, const uint8_t *p, uint32_t len)
{
	out_char(pr->out, '\'');
	if (!print_text(pr, p, len))
		return false;
	out_char(pr->out, '\'');
	return true;
}

/* The version text, each line indented under the TLV. */
static bool cdp_version(np_printer *pr, const uint8_t *p, uint32_t len)
{
	out_str(pr->out, "\n\t  ");
	for (uint32_t i = 0; i < len; i++) {
		uint8_t c;
		if (!np_get_u8(p + i, pr->snapend, &c))
			return false;
		if (c == '\n')
			out_str(pr->out, "\n\t  ");
		else
			print_safe_char(pr, c);
	}
	return true;
}

static bool cdp_capability(np_printer *pr, const uint8_t *p, uint32_t len)
{
	uint32_t v;
	(void)len;
	if (!np_get_be32(p, pr->snapend, &v))
		return false;
	out_fmt(pr->out, "(0x%08x): ", v);
	print_bits(pr, cdp_capability_names, v, ", ", "none");
	return true;
}

static bool cdp_uint16(np_printer *pr, const uint8_t *p, uint32_t len)
{
	uint16_t v;
	(void)len;
	if (!np_get_be16(p, pr->snapend, &v))
		return false;
	out_fmt(pr->out, "%u", v);
	return true;
}

static bool cdp_duplex(np_printer *pr, const uint8_t *p, uint32_t len)
{
	uint8_t v;
	(void)len;
	if (!np_get_u8(p, pr->snapend, &v))
		return false;
	out_str(pr->out, v ? "full" : "half");
	return true;
}

static bool cdp_ata186(np_printer *pr, const uint8_t *p, uint32_t len)
{
	uint16_t v;
	uint8_t app;
	if (len == 2) {
		if (!np_get_be16(p, pr->snapend, &v))
			return false;
		out_fmt(pr->out, "unknown 0x%04x", v);
		return true;
	}
	if (!np_get_u8(p, pr->snapend, &app) || !np_get_be16(p + 1, pr->snapend, &v))
		return false;
	out_fmt(pr->out, "app %u, vlan %u", app, v);
	return true;
}

static bool cdp_power(np_printer *pr, const uint8_t *p, uint32_t len)
{
	uint32_t v = 0;
	if (!np_has(p, pr->snapend, len))
		return false;
	for (uint32_t i = 0; i < len; i++) /* 1 to 3 bytes, big-endian */
		v = v << 8 | p[i];
	out_fmt(pr->out, "%1.2fW", v / 1000.0);
	return true;
}

static bool cdp_mtu(np_printer *pr, const uint8_t *p, uint32_t len)
{
	uint32_t v;
	(void)len;
	if (!np_get_be32(p, pr->snapend, &v))
		return false;
	out_fmt(pr->out, "%u bytes", v);
	return true;
}

static bool cdp_uint8x(np_printer *pr, const uint8_t *p, uint32_t len)
{
	uint8_t v;
	(void)len;
	if (!np_get_u8(p, pr->snapend, &v))
		return false;
	out_fmt(pr->out, "0x%02x", v);
	return true;
}

static bool cdp_phys_loc(np_printer *pr, const uint8_t *p, uint32_t len)
{
	if (!cdp_uint8x(pr, p, len))
		return false;
	if (len > 1) {
		out_char(pr->out, '/');
		return print_text(pr, p + 1, len - 1);
	}
	return true;
}

/* " b1 b2 ..." for n bytes, as far as captured. */
static bool cdp_hex_bytes(np_printer *pr, const uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		uint8_t b;
		if (!np_get_u8(p + i, pr->snapend, &b))
			return false;
		out_fmt(pr->out, " %02x", b);
	}
	return true;
}

/* After a malformed inner length: the rest must still be captured. */
static bool cdp_rest_captured(np_printer *pr, const uint8_t *p, uint32_t l)
{
	return np_has(p, pr->snapend, l);
}

/* Addresses: a count, then (protocol type, protocol, address) triples;
 * IPv4 by NLPID and IPv6 by its LLC/SNAP header are printed as
 * addresses, anything else as bytes. */
static bool cdp_addr(np_printer *pr, const uint8_t *p, uint32_t l)
{
	static const uint8_t prot_ipv6[] = {0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x86, 0xdd};
	np_out *o = pr->out;
	uint32_t num;
	if (l < 4) {
		out_str(o, " (not enough space for num)");
		return cdp_rest_captured(pr, p, l);
	}
	if (!np_get_be32(p, pr->snapend, &num))
		return false;
	p += 4;
	l -= 4;
	while (num) {
		uint8_t pt, pl, first = 0;
		uint16_t al;
		if (l < 2) {
			out_str(o, " (not enough space for PT+PL)");
			return cdp_rest_captured(pr, p, l);
		}
		if (!np_get_u8(p, pr->snapend, &pt) || !np_get_u8(p + 1, pr->snapend, &pl))
			return false;
		p += 2;
		l -= 2;
		if (l < pl + 2u) {
			out_str(o, " (not enough space for P+AL)");
			return cdp_rest_captured(pr, p, l);
		}
		if (!np_get_be16(p + pl, pr->snapend, &al))
			return false;
		if (pl == 1 && !np_get_u8(p, pr->snapend, &first))
			return false;
		bool v4 = pt == 1 && pl == 1 && first == NP_NLPID_IP && al == 4;
		bool v6 = pt == 2 && pl == 8 && al == 16 && np_has(p, pr->snapend, 8) && memcmp(p, prot_ipv6, 8) == 0;
		if (!v4 && !v6) {
			out_fmt(o, "pt=0x%02x, pl=%u, pb=", pt, pl);
			if (!cdp_hex_bytes(pr, p, pl))
				return false;
			out_fmt(o, ", al=%u, a=", al);
		}
		p += pl + 2u;
		l -= pl + 2u;
		if (l < al) {
			out_str(o, " (not enough space for A)");
			return cdp_rest_captured(pr, p, l);
		}
		if (v4 || v6) {
			if (!np_has(p, pr->snapend, al))
				return false;
			out_fmt(o, "%s (%u) ", v4 ? "IPv4" : "IPv6", num);
			if (v4)
				out_ipv4(o, p);
			else
				out_ipv6(o, p);
		} else if (!cdp_hex_bytes(pr, p, al)) {
			return false;
		}
		p += al;
		l -= al;
		if (--num)
			out_char(o, ' ');
	}
	if (l)
		out_fmt(o, " (%u bytes of stray data)", l);
	return true;
}

static bool cdp_prefixes(np_printer *pr, const uint8_t *p, uint32_t l)
{
	if (l % 5) {
		out_fmt(pr->out, " [length %u is not a multiple of 5]", l);
		return cdp_rest_captured(pr, p, l);
	}
	out_fmt(pr->out, " IPv4 Prefixes (%u):", l / 5);
	for (; l > 0; l -= 5, p += 5) {
		if (!np_has(p, pr->snapend, 5))
			return false;
		out_fmt(pr->out, " %u.%u.%u.%u/%u", p[0], p[1], p[2], p[3], p[4]);
	}
	return true;
}

struct cdp_tlv_info {
	const char *name;
	cdp_value_printer printer; /* NULL: named, never dumped */
	int min_len, max_len;      /* -1: no limit */
};

#define CDP_TYPE_MAX 0x17
static const struct cdp_tlv_info cdp_tlvs[CDP_TYPE_MAX + 1] = {
	[CDP_TYPE_DEVICE_ID] = {"Device-ID", cdp_string, -1, -1},
	[0x02] = {"Address", cdp_addr, -1, -1},
	[0x03] = {"Port-ID", cdp_string, -1, -1},
	[0x04] = {"Capability", cdp_capability, 4, 4},
	[0x05] = {"Version String", cdp_version, -1, -1},
	[0x06] = {"Platform", cdp_string, -1, -1},
	[0x07] = {"Prefixes", cdp_prefixes, -1, -1},
	[0x08] = {"Protocol-Hello option", NULL, -1, -1},
	[0x09] = {"VTP Management Domain", cdp_string, -1, -1},
	[0x0a] = {"Native VLAN ID", cdp_uint16, 2, 2},
	[0x0b] = {"Duplex", cdp_duplex, 1, 1},
	[0x0e] = {"ATA-186 VoIP VLAN assignment", cdp_ata186, 3, 3},
	[0x0f] = {"ATA-186 VoIP VLAN request", cdp_ata186, 2, 3},
	[0x10] = {"power consumption", cdp_power, 1, 3},
	[0x11] = {"MTU", cdp_mtu, 4, 4},
	[0x12] = {"AVVID trust bitmap", cdp_uint8x, 1, 1},
	[0x13] = {"AVVID untrusted ports CoS", cdp_uint8x, 1, 1},
	[0x14] = {"System Name", cdp_string, -1, -1},
	[0x15] = {"System Object ID (not decoded)", NULL, -1, -1},
	[0x16] = {"Management Addresses", cdp_addr, 4, -1},
	[0x17] = {"Physical Location", cdp_phys_loc, 1, -1},
};

/* One TLV's value; false when it ran off the capture. A TLV with no
 * printer here, a malformed one, and without -v all but the Device-ID,
 * are hex-dumped. */
static bool print_cdp_value(np_printer *pr, uint32_t type, const uint8_t *p, uint32_t len)
{
	/* as tcpdump's: types up to the last known one without a name count as
	 * known ones without a printer (never dumped with -v) */
	const struct cdp_tlv_info *info = type <= CDP_TYPE_MAX ? &cdp_tlvs[type] : NULL;
	if (info) {
		if ((info->min_len > 0 && len < (uint32_t)info->min_len) ||
		    (info->max_len > 0 && len > (uint32_t)info->max_len)) {
			out_str(pr->out, " (malformed TLV)");
		} else if (pr->o.vflag || type == CDP_TYPE_DEVICE_ID) {
			if (info->printer)
				return info->printer(pr, p, len);
			return np_has(p, pr->snapend, len);
		}
	}
	if (!np_has(p, pr->snapend, len))
		return false;
	print_unknown_data(pr, p, "\n\t  ", len);
	return true;
}

void print_cdp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	uint32_t orig_length = length;
	pr->protocol = "cdp";
	if (length < CDP_HEADER_LEN) {
		out_fmt(o, " (packet length %u < %u)", length, CDP_HEADER_LEN);
		goto invalid;
	}
	uint8_t version, ttl;
	uint16_t sum;
	NP_GET_U8(version, p, pr->snapend);
	NP_GET_U8(ttl, p + 1, pr->snapend);
	out_fmt(o, "CDPv%u, ttl: %us", version, ttl);
	NP_GET_BE16(sum, p + 2, pr->snapend);
	if (pr->o.vflag)
		out_fmt(o, ", checksum: 0x%04x (unverified), length %u", sum, orig_length);
	p += CDP_HEADER_LEN;
	length -= CDP_HEADER_LEN;
	while (length) {
		uint16_t type, len;
		if (length < CDP_TLV_HEADER_LEN) {
			out_fmt(o, " (remaining packet length %u < %u)", length, CDP_TLV_HEADER_LEN);
			goto invalid;
		}
		NP_GET_BE16(type, p, pr->snapend);
		NP_GET_BE16(len, p + 2, pr->snapend);
		const char *name =
			type <= CDP_TYPE_MAX && cdp_tlvs[type].name ? cdp_tlvs[type].name : "unknown field type";
		if (len < CDP_TLV_HEADER_LEN) {
			if (pr->o.vflag)
				out_fmt(o, "\n\t%s (0x%02x), TLV length: %u byte%s (too short)", name, type, len,
					len == 1 ? "" : "s");
			else
				out_fmt(o, ", %s TLV length %u too short", name, len);
			goto invalid;
		}
		if (len > length) {
			out_fmt(o, " (TLV length %u > %u)", len, length);
			goto invalid;
		}
		p += CDP_TLV_HEADER_LEN;
		length -= CDP_TLV_HEADER_LEN;
		len -= CDP_TLV_HEADER_LEN;
		if (!pr->o.vflag && type == CDP_TYPE_DEVICE_ID)
			out_str(o, ", Device-ID ");
		else if (pr->o.vflag)
			out_fmt(o, "\n\t%s (0x%02x), value length: %u byte%s: ", name, type, len, len == 1 ? "" : "s");
		if (!print_cdp_value(pr, type, p, len))
			goto trunc;
		p += len;
		length -= len;
	}
	if (pr->o.vflag < 1)
		out_fmt(o, ", length %u", orig_length);
	return;
invalid:
	print_invalid(pr);
	print_rest_captured(pr, p, length);
	return;
trunc:
	print_trunc_stop(pr);
}
