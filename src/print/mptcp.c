/*
 * mptcp.c - the Multipath TCP option (RFC 6824/8684) inside a TCP options
 * list, as tcpdump 4.99 prints it: " <len> <subtype>" and the subtype's
 * fields. Each subtype checks the option length against the forms it
 * allows (and some the TCP flags); a mismatch makes tcp.c print
 * "[bad opt]".
 *
 * tcp.c has made sure the whole option is captured, so the fixed-offset
 * reads here stay inside it.
 *
 * Not for: anything about MPTCP connections (tokens are not tracked).
 */
#include "print.h"

#define TH_SYN 0x02
#define TH_ACK 0x10

/* "0x" and the value in lower-case hex without leading zeros. */
static void print_hex64(np_printer *pr, uint64_t v)
{
	out_str(pr->out, "0x");
	if (v >> 32) {
		out_hex(pr->out, (uint32_t)(v >> 32), 1);
		out_hex(pr->out, (uint32_t)v, 8);
	} else {
		out_hex(pr->out, (uint32_t)v, 1);
	}
}

static bool print_capable(np_printer *pr, const uint8_t *opt, uint32_t len, uint8_t flags)
{
	bool syn_form = (len == 12 || len == 4) && (flags & TH_SYN);
	bool ack_form = (len == 20 || len == 22) && (flags & (TH_SYN | TH_ACK)) == TH_ACK;
	if (!syn_form && !ack_form)
		return false;
	uint8_t version = opt[2] & 0x0f;
	if (version > 1) {
		out_str(pr->out, " Unknown Version (");
		out_u32(pr->out, version);
		out_char(pr->out, ')');
		return true;
	}
	out_str(pr->out, " v");
	out_u32(pr->out, version);
	if (opt[3] & 0x80)
		out_str(pr->out, " csum");
	if (len == 12 || len >= 20) {
		out_str(pr->out, " {");
		print_hex64(pr, np_load_be64(opt + 4));
		if (len >= 20) {
			out_char(pr->out, ',');
			print_hex64(pr, np_load_be64(opt + 12));
		}
		out_char(pr->out, '}');
	}
	return true;
}

static bool print_join(np_printer *pr, const uint8_t *opt, uint32_t len, uint8_t flags)
{
	if (!(len == 12 && (flags & TH_SYN)) && !(len == 16 && (flags & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK)) &&
	    !(len == 24 && (flags & TH_ACK)))
		return false;
	if (len != 24) {
		if (opt[2] & 0x01)
			out_str(pr->out, " backup");
		out_str(pr->out, " id ");
		out_u32(pr->out, opt[3]);
	}
	if (len == 12) {
		out_str(pr->out, " token 0x");
		out_hex(pr->out, np_load_be32(opt + 4), 1);
		out_str(pr->out, " nonce 0x");
		out_hex(pr->out, np_load_be32(opt + 8), 1);
	} else if (len == 16) {
		out_str(pr->out, " hmac ");
		print_hex64(pr, np_load_be64(opt + 4));
		out_str(pr->out, " nonce 0x");
		out_hex(pr->out, np_load_be32(opt + 12), 1);
	} else {
		out_str(pr->out, " hmac 0x");
		for (int i = 0; i < 20; i++)
			out_hex(pr->out, opt[4 + i], 2);
	}
	return true;
}

/* A 4- or 8-byte number of the DSS option; false when it is not there. */
static bool dss_number(np_printer *pr, const uint8_t **opt, uint32_t *len, bool wide)
{
	uint32_t n = wide ? 8 : 4;
	if (*len < n)
		return false;
	if (wide)
		out_u64(pr->out, np_load_be64(*opt));
	else
		out_u32(pr->out, np_load_be32(*opt));
	*opt += n;
	*len -= n;
	return true;
}

static bool print_dss(np_printer *pr, const uint8_t *opt, uint32_t len, uint8_t flags)
{
	if (len < 4 || (flags & TH_SYN))
		return false;
	uint8_t dflags = opt[3];
	if (dflags & 0x10)
		out_str(pr->out, " fin");
	opt += 4;
	len -= 4;
	if (dflags & 0x01) { /* data ack; 8 bytes with 'a' */
		out_str(pr->out, " ack ");
		if (!dss_number(pr, &opt, &len, dflags & 0x02))
			return false;
	}
	if (dflags & 0x04) { /* mapping; 8-byte DSN with 'm' */
		out_str(pr->out, " seq ");
		if (!dss_number(pr, &opt, &len, dflags & 0x08))
			return false;
		if (len < 4)
			return false;
		out_str(pr->out, " subseq ");
		out_u32(pr->out, np_load_be32(opt));
		opt += 4;
		len -= 4;
		if (len < 2)
			return false;
		out_str(pr->out, " len ");
		out_u32(pr->out, np_load_be16(opt));
		opt += 2;
		len -= 2;
		if (len >= 2) { /* the checksum, when negotiated */
			out_str(pr->out, " csum 0x");
			out_hex(pr->out, np_load_be16(opt), 1);
			len -= 2;
		}
	}
	return len == 0;
}

static const np_tok add_addr_versions[] = {
	{0x6, "v0-ip6"}, {0x4, "v0-ip4"}, {0x1, "v1-echo"}, {0x0, "v1"}, {0, NULL},
};

static bool print_add_addr(np_printer *pr, const uint8_t *opt, uint32_t len, uint8_t flags)
{
	(void)flags;
	bool v4 = len == 8 || len == 10 || len == 16 || len == 18;
	bool v6 = len == 20 || len == 22 || len == 28 || len == 30;
	if (!v4 && !v6)
		return false;
	out_char(pr->out, ' ');
	out_str(pr->out, tok2str(add_addr_versions, "[bad version/echo]", opt[2] & 0x0f));
	out_str(pr->out, " id ");
	out_u32(pr->out, opt[3]);
	out_char(pr->out, ' ');
	uint32_t alen = v4 ? 4 : 16;
	if (v4)
		out_ipv4(pr->out, opt + 4);
	else
		out_ipv6(pr->out, opt + 4);
	bool has_port = len == 10 || len == 18 || len == 22 || len == 30;
	if (has_port) {
		out_char(pr->out, ':');
		out_u32(pr->out, np_load_be16(opt + 4 + alen));
	}
	bool has_mac = len == 16 || len == 18 || len == 28 || len == 30;
	if (has_mac) {
		out_str(pr->out, " hmac ");
		print_hex64(pr, np_load_be64(opt + 4 + alen + (has_port ? 2 : 0)));
	}
	return true;
}

static bool print_remove_addr(np_printer *pr, const uint8_t *opt, uint32_t len, uint8_t flags)
{
	(void)flags;
	if (len < 4)
		return false;
	out_str(pr->out, " id");
	for (uint32_t i = 3; i < len; i++) {
		out_char(pr->out, ' ');
		out_u32(pr->out, opt[i]);
	}
	return true;
}

static bool print_prio(np_printer *pr, const uint8_t *opt, uint32_t len, uint8_t flags)
{
	(void)flags;
	if (len != 3 && len != 4)
		return false;
	out_str(pr->out, (opt[2] & 0x01) ? " backup" : " non-backup");
	if (len == 4) {
		out_str(pr->out, " id ");
		out_u32(pr->out, opt[3]);
	}
	return true;
}

static bool print_fail(np_printer *pr, const uint8_t *opt, uint32_t len, uint8_t flags)
{
	(void)flags;
	if (len != 12)
		return false;
	out_str(pr->out, " seq ");
	out_u64(pr->out, np_load_be64(opt + 4));
	return true;
}

static bool print_fast_close(np_printer *pr, const uint8_t *opt, uint32_t len, uint8_t flags)
{
	(void)flags;
	if (len != 12)
		return false;
	out_str(pr->out, " key ");
	print_hex64(pr, np_load_be64(opt + 4));
	return true;
}

static bool print_unknown_subtype(np_printer *pr, const uint8_t *opt, uint32_t len, uint8_t flags)
{
	(void)pr;
	(void)opt;
	(void)len;
	(void)flags;
	return true;
}

static const struct {
	const char *name;
	bool (*print)(np_printer *, const uint8_t *, uint32_t, uint8_t);
} mptcp_subtypes[] = {
	{"capable", print_capable},
	{"join", print_join},
	{"dss", print_dss},
	{"add-addr", print_add_addr},
	{"rem-addr", print_remove_addr},
	{"prio", print_prio},
	{"fail", print_fail},
	{"fast-close", print_fast_close},
	{"unknown", print_unknown_subtype},
};

bool print_mptcp(np_printer *pr, const uint8_t *opt, uint32_t len, uint8_t flags)
{
	/* tcpdump leaves its protocol name at "mptcp" for the rest of the
	 * segment, so a later truncation note says [|mptcp]. */
	pr->protocol = "mptcp";
	if (len < 3)
		return false;
	unsigned subtype = (opt[2] >> 4) & 0x0f;
	if (subtype > 8)
		subtype = 8;
	out_char(pr->out, ' ');
	out_u32(pr->out, len);
	out_char(pr->out, ' ');
	out_str(pr->out, mptcp_subtypes[subtype].name);
	return mptcp_subtypes[subtype].print(pr, opt, len, flags);
}
