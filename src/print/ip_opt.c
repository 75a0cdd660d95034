/*
 * ip_opt.c - IPv4 options text for `ip -v` (tcpdump's ip_optprint): the
 * comma-separated list inside "options (...)", with route and timestamp
 * bodies and tcpdump's "[bad length N]" / "[bad ptr N]" notes.
 *
 * Not for: finding the source-routed destination (the decoder records it
 * as ip4.final_dst) or the rest of the -v summary (ip.c).
 */
#include "print.h"

enum {
	IPOPT_EOL = 0,
	IPOPT_NOP = 1,
	IPOPT_RR = 7,
	IPOPT_TS = 68,
	IPOPT_RFC1393 = 82,
	IPOPT_SECURITY = 130,
	IPOPT_LSRR = 131,
	IPOPT_SSRR = 137,
	IPOPT_RA = 148,
};

enum { TS_ONLY = 0, TS_AND_ADDR = 1, TS_PRESPEC = 3 };

static const np_tok ip_option_names[] = {
	{IPOPT_EOL, "EOL"},
	{IPOPT_NOP, "NOP"},
	{IPOPT_TS, "timestamp"},
	{IPOPT_SECURITY, "security"},
	{IPOPT_RR, "RR"},
	{IPOPT_SSRR, "SSRR"},
	{IPOPT_LSRR, "LSRR"},
	{IPOPT_RA, "RA"},
	{IPOPT_RFC1393, "traceroute"},
	{0, NULL},
};

static const np_tok ts_type_names[] = {
	{TS_ONLY, "TSONLY"},
	{TS_AND_ADDR, "TS+ADDR"},
	{TS_PRESPEC, "PRESPEC"},
	{0, NULL},
};

/*
 * What an option body printer says: done, or it ran off the capture where
 * tcpdump notes "[truncated-option]" and goes on with the packet. Body
 * bytes are only read once the whole option is known to be captured.
 */
enum opt_result { OPT_OK = 0, OPT_TRUNC = -1 };

/* A byte of an option already checked to be captured. */
static uint8_t opt_byte(const np_printer *pr, const uint8_t *p)
{
	uint8_t v = 0;
	np_get_u8(p, pr->snapend, &v);
	return v;
}

/* RR, LSRR, SSRR: the addresses, a comma after each one already passed. */
static int print_route(np_printer *pr, const uint8_t *cp, uint32_t length)
{
	np_out *o = pr->out;
	if (length < 3) {
		out_fmt(o, " [bad length %u]", length);
		return OPT_OK;
	}
	if ((length + 1) & 3)
		out_fmt(o, " [bad length %u]", length);
	uint8_t raw_ptr = opt_byte(pr, cp + 2);
	uint32_t ptr = (uint32_t)raw_ptr - 1;
	if (ptr < 3 || ((ptr + 1) & 3) || ptr > length + 1)
		out_fmt(o, " [bad ptr %u]", raw_ptr);
	for (uint32_t len = 3; len < length; len += 4) {
		if (!np_has(cp + len, pr->snapend, 4))
			return OPT_TRUNC;
		out_char(o, ' ');
		out_ipv4(o, cp + len);
		if (ptr > len)
			out_char(o, ',');
	}
	return OPT_OK;
}

/* The timestamp option: " TS{TYPE entries}" with " ^ " at the pointer. */
static int print_timestamp_opt(np_printer *pr, const uint8_t *cp, uint32_t length)
{
	np_out *o = pr->out;
	if (length < 4) {
		out_fmt(o, "[bad length %u]", length);
		return OPT_OK;
	}
	out_str(o, " TS{");
	uint8_t flags = opt_byte(pr, cp + 3);
	uint8_t raw_ptr = opt_byte(pr, cp + 2);
	uint32_t hoplen = (flags & 0xf) != TS_ONLY ? 8 : 4;
	if ((length - 4) & (hoplen - 1))
		out_fmt(o, "[bad length %u]", length);
	uint32_t ptr = (uint32_t)raw_ptr - 1;
	uint32_t len = 0;
	if (ptr < 4 || ((ptr - 4) & (hoplen - 1)) || ptr > length + 1)
		out_fmt(o, "[bad ptr %u]", raw_ptr);
	const char *type_name = tok_name(ts_type_names, flags & 0xf);
	if (!type_name) {
		out_fmt(o, "[bad ts type %u]", flags & 0xf);
	} else {
		out_str(o, type_name);
		const char *mark = " ";
		for (len = 4; len < length; len += hoplen) {
			if (ptr == len)
				mark = " ^ ";
			if (!np_has(cp + len, pr->snapend, hoplen))
				return OPT_TRUNC;
			uint32_t ts = 0;
			np_get_be32(cp + len + hoplen - 4, pr->snapend, &ts);
			out_str(o, mark);
			out_u32(o, ts);
			out_char(o, '@');
			if (hoplen == 8)
				out_ipv4(o, cp + len);
			mark = " ";
		}
	}
	if (ptr == len)
		out_str(o, " ^ ");
	if (flags >> 4)
		out_fmt(o, " [%u hops not recorded]} ", flags >> 4);
	else
		out_char(o, '}');
	return OPT_OK;
}

/* Router alert: its value when not 0. */
static void print_router_alert(np_printer *pr, const uint8_t *cp, uint32_t length)
{
	if (length < 4) {
		out_fmt(pr->out, " [bad length %u]", length);
		return;
	}
	uint16_t value = 0;
	np_get_be16(cp + 2, pr->snapend, &value);
	if (value != 0)
		out_fmt(pr->out, " value %u", value);
}

/*
 * The options list; `length` is the header length minus 20. Returns false
 * when an option ran off the capture (the caller adds "[truncated-option]").
 * A code or length byte missing from the capture stops the packet there,
 * with " [|ip]", as tcpdump's GET macros do; pr->stopped says so.
 */
bool print_ip_options(np_printer *pr, const uint8_t *cp, uint32_t length)
{
	np_out *o = pr->out;
	const char *sep = "";
	uint32_t option_len;
	for (; length > 0; cp += option_len, length -= option_len) {
		uint8_t code, len_byte;
		out_str(o, sep);
		sep = ",";
		NP_GET_U8(code, cp, pr->snapend);
		out_str(o, tok2str(ip_option_names, "unknown %u", code));
		if (code == IPOPT_NOP || code == IPOPT_EOL) {
			option_len = 1;
		} else {
			NP_GET_U8(len_byte, cp + 1, pr->snapend);
			option_len = len_byte;
			if (option_len < 2) {
				out_fmt(o, " [bad length %u]", option_len);
				return true;
			}
		}
		if (option_len > length) {
			out_fmt(o, " [bad length %u]", option_len);
			return true;
		}
		if (!np_has(cp, pr->snapend, option_len))
			return false;
		int r = OPT_OK;
		switch (code) {
		case IPOPT_EOL: return true;
		case IPOPT_TS: r = print_timestamp_opt(pr, cp, option_len); break;
		case IPOPT_RR:
		case IPOPT_SSRR:
		case IPOPT_LSRR: r = print_route(pr, cp, option_len); break;
		case IPOPT_RA: print_router_alert(pr, cp, option_len); break;
		default: break;
		}
		if (r == OPT_TRUNC)
			return false;
	}
	return true;
trunc:
	print_trunc_stop(pr);
	return true;
}
