/*
 * cfm.c - IEEE 802.1ag Connectivity Fault Management text (ethertype
 * 0x8902, and the pre-standard 0xabcd) as tcpdump 4.99's print-cfm.c
 * writes it: "CFMv0 <opcode>, MD Level N, length N"; with -v the first TLV
 * offset, the Continuity Check (interval, sequence, MEP ID, MD and MA
 * names), Linktrace Message and Reply fields, a hex dump of the other
 * opcodes' bodies, and every TLV (port and interface status, sender ID,
 * organisation TLVs); -vv adds a hex dump of each TLV.
 *
 * Not for: Y.1731 OAM opcodes beyond tcpdump's five (hex-dumped, as
 * tcpdump does).
 */
#include "print.h"

enum { CFM_CCM = 1, CFM_LBR = 2, CFM_LBM = 3, CFM_LTR = 4, CFM_LTM = 5 };
enum { CCM_LEN = 70, LTM_LEN = 17, LTR_LEN = 6, CCM_NAMES_LEN = 48 };
enum { TLV_END = 0, TLV_SENDER_ID = 1, TLV_PORT_STATUS = 2, TLV_IF_STATUS = 3, TLV_PRIVATE = 31 };

static const np_tok cfm_opcode_names[] = {
	{CFM_CCM, "Continuity Check Message"}, {CFM_LBR, "Loopback Reply"},    {CFM_LBM, "Loopback Message"},
	{CFM_LTR, "Linktrace Reply"},          {CFM_LTM, "Linktrace Message"}, {0, NULL},
};
static const np_tok cfm_md_format_names[] = {
	{0, "IEEE 802.1"},          {1, "No MD Name present"}, {2, "DNS string"},
	{3, "MAC + 16Bit Integer"}, {4, "Character string"},   {0, NULL},
};
static const np_tok cfm_ma_format_names[] = {
	{0, "IEEE 802.1"},    {1, "Primary VID"},    {2, "Character string"},
	{3, "16Bit Integer"}, {4, "RFC2685 VPN-ID"}, {0, NULL},
};
static const np_tok cfm_ltm_flag_names[] = {{0x80, "Use Forwarding-DB only"}, {0, NULL}};
static const np_tok cfm_ltr_flag_names[] = {{0x80, "UseFDB Only"}, {0x40, "FwdYes"}, {0x20, "Terminal MEP"}, {0, NULL}};
static const np_tok cfm_ltr_action_names[] = {{1, "Exact Match"}, {2, "Filtering DB"}, {3, "MIP CCM DB"}, {0, NULL}};
static const np_tok cfm_tlv_names[] = {
	{TLV_END, "End"},
	{TLV_SENDER_ID, "Sender ID"},
	{TLV_PORT_STATUS, "Port status"},
	{TLV_IF_STATUS, "Interface status"},
	{4, "Data"},
	{5, "Reply Ingress"},
	{6, "Reply Egress"},
	{TLV_PRIVATE, "Organization Specific"},
	{0, NULL},
};
static const np_tok cfm_port_status_names[] = {{1, "Blocked"}, {2, "Up"}, {0, NULL}};
static const np_tok cfm_if_status_names[] = {
	{1, "Up"}, {2, "Down"}, {3, "Testing"}, {5, "Dormant"}, {6, "not present"}, {7, "lower Layer down"}, {0, NULL},
};
static const np_tok cfm_chassis_names[] = {
	{0, "Reserved"},       {1, "Chassis component"}, {2, "Interface alias"},
	{3, "Port component"}, {4, "MAC address"},       {5, "Network address"},
	{6, "Interface name"}, {7, "Locally assigned"},  {0, NULL},
};

/* The CCM interval field's timer bases in seconds (802.1ag 21.6.1.3);
 * float, as tcpdump keeps them, so the printed products round alike. */
static const float ccm_interval_base[8] = {0.0f, 0.003333f, 0.01f, 0.1f, 1.0f, 10.0f, 60.0f, 600.0f};

/* Text (nd_printjnp); false when the capture ended. */
static bool cfm_text(np_printer *pr, const uint8_t *p, uint32_t n)
{
	return print_text_nul(pr, p, n);
}

/* A chassis ID network address: one-octet family then the address; true
 * when the TLV should be hex-dumped. Its bytes are captured (checked). */
static bool cfm_network_addr(np_printer *pr, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	if (len < 1) {
		out_str(o, "\n\t  Network Address Type (invalid, no data");
		return false;
	}
	uint8_t af = p[0];
	out_fmt(o, "\n\t  Network Address Type %s (%u)", tok2str(af_names, "Unknown", af), af);
	if (af == 1) {
		if (len != 5) {
			out_fmt(o, "(invalid IPv4 address length %u)", len - 1);
			return true;
		}
		out_str(o, ", ");
		out_ipv4(o, p + 1);
		return false;
	}
	if (af == 2) {
		if (len != 17) {
			out_fmt(o, "(invalid IPv6 address length %u)", len - 1);
			return true;
		}
		out_str(o, ", ");
		out_ipv6(o, p + 1);
		return false;
	}
	return true;
}

/* The CCM body (captured and at least CCM_LEN long). False when a name
 * length is too large: nothing more is printed then. */
static bool cfm_ccm(np_printer *pr, const uint8_t *m, uint8_t flags)
{
	np_out *o = pr->out;
	unsigned iv = flags & 7;
	out_fmt(o, ", Flags [CCM Interval %u%s]", iv, flags & 0x80 ? ", RDI" : "");
	if (iv)
		out_fmt(o, "\n\t  CCM Interval %.3fs, min CCM Lifetime %.3fs, max CCM Lifetime %.3fs",
			(double)ccm_interval_base[iv], ccm_interval_base[iv] * 3.25, ccm_interval_base[iv] * 3.5);
	out_fmt(o, "\n\t  Sequence Number 0x%08x, MA-End-Point-ID 0x%04x", np_load_be32(m), np_load_be16(m + 4));
	const uint8_t *n = m + 6;
	uint32_t left = CCM_NAMES_LEN;
	uint8_t mdf = *n++;
	left--;
	if (mdf != 1) {
		uint8_t mdlen = *n++;
		left--;
		out_fmt(o, "\n\t  MD Name Format %s (%u), MD Name length %u",
			tok2str(cfm_md_format_names, "Unknown", mdf), mdf, mdlen);
		if (mdlen > left - 3) {
			out_fmt(o, " (too large, must be <= %u)", left - 2);
			return false;
		}
		out_str(o, "\n\t  MD Name: ");
		if (mdf == 2 || mdf == 4) {
			cfm_text(pr, n, mdlen);
		} else if (mdf == 3) {
			out_str(o, "\n\t  MAC ");
			if (mdlen == 6)
				out_mac(o, n);
			else
				out_str(o, "(length invalid)");
		} else {
			print_unknown_data(pr, n, "\n\t    ", mdlen);
		}
		n += mdlen;
		left -= mdlen;
	} else {
		out_fmt(o, "\n\t  MD Name Format %s (%u)", tok2str(cfm_md_format_names, "Unknown", mdf), mdf);
	}
	uint8_t maf = *n++;
	uint8_t malen = *n++;
	left -= 2;
	out_fmt(o, "\n\t  MA Name-Format %s (%u), MA name length %u", tok2str(cfm_ma_format_names, "Unknown", maf), maf,
		malen);
	if (malen > left) {
		out_fmt(o, " (too large, must be <= %u)", left);
		return false;
	}
	out_str(o, "\n\t  MA Name: ");
	if (maf == 2)
		cfm_text(pr, n, malen);
	else
		print_unknown_data(pr, n, "\n\t    ", malen);
	return true;
}

enum sid_end { SID_DUMP, SID_NEXT, SID_STOP };

/* The sender ID TLV (802.1Q 21.5.3) of len bytes at t, all captured:
 * chassis ID, management address domain and address. Sets *hexdump and
 * *rem, the bytes it did not read (what tcpdump's dump shows, from the
 * TLV's start), and *skip, the bytes tcpdump steps over to the next TLV:
 * len, but one less after a chassis ID too long for the TLV, as tcpdump
 * counts the chassis ID type byte without stepping over it. SID_NEXT: on
 * to the next TLV without a dump; SID_STOP: nothing more is printed. */
static enum sid_end cfm_sender_id(np_printer *pr, const uint8_t *t, uint32_t len, bool *hexdump, uint32_t *rem,
				  uint32_t *skip)
{
	np_out *o = pr->out;
	*rem = len;
	*skip = len;
	if (len < 1) {
		out_str(o, " (too short, must be >= 1)");
		return SID_NEXT;
	}
	uint8_t idlen = *t++;
	*rem = --len;
	if (idlen) {
		if (len < 1) {
			out_str(o, "\n\t  (TLV too short)");
			return SID_NEXT;
		}
		uint8_t idtype = *t;
		*rem = --len;
		out_fmt(o, "\n\t  Chassis-ID Type %s (%u), Chassis-ID length %u",
			tok2str(cfm_chassis_names, "Unknown", idtype), idtype, idlen);
		if (len < idlen) {
			out_str(o, "\n\t  (TLV too short)");
			*skip = 1 + len;
			return SID_NEXT;
		}
		switch (idtype) {
		case 4:
			if (idlen != 6) {
				out_str(o, " (invalid MAC address length)");
				*hexdump = true;
			} else {
				out_str(o, "\n\t  MAC ");
				out_mac(o, t + 1);
			}
			break;
		case 5: *hexdump |= cfm_network_addr(pr, t + 1, idlen); break;
		case 1:
		case 2:
		case 3:
		case 6:
		case 7: cfm_text(pr, t + 1, idlen); break;
		default: *hexdump = true; break;
		}
		*rem = len -= idlen;
		t += 1 + idlen;
	}
	if (len == 0)
		return SID_DUMP;
	uint8_t dlen = *t++;
	*rem = --len;
	out_fmt(o, "\n\t  Management Address Domain Length %u", dlen);
	if (!dlen)
		return SID_DUMP;
	if (len < dlen) {
		out_str(o, "\n\t  (TLV too short)");
		return SID_NEXT;
	}
	*rem = len -= dlen;
	print_hex(pr, "\n\t  Management Address Domain: ", t, dlen);
	t += dlen;
	if (len < 1) {
		out_str(o, " (Management Address Length is missing)");
		*hexdump = true;
		return SID_DUMP;
	}
	uint8_t alen = *t++;
	*rem = --len;
	out_fmt(o, "\n\t  Management Address Length %u", alen);
	if (alen) {
		if (len < alen) {
			out_str(o, "\n\t  (TLV too short)");
			return SID_STOP;
		}
		*rem = len - alen;
		print_hex(pr, "\n\t  Management Address: ", t, alen);
	}
	return SID_DUMP;
}

void print_cfm(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	pr->protocol = "cfm";
	if (length < 4)
		goto tooshort;
	NP_CHECK(p, pr->snapend, 4);
	uint8_t ver = p[0] & 0x1f, opcode = p[1], flags = p[2], first = p[3];
	if (ver != 0) {
		out_fmt(o, "CFMv%u not supported, length %u", ver, length);
		return;
	}
	out_fmt(o, "CFMv%u %s, MD Level %u, length %u", ver, tok2str(cfm_opcode_names, "unknown (%u)", opcode),
		p[0] >> 5, length);
	if (pr->o.vflag < 1)
		return;
	out_fmt(o, "\n\tFirst TLV offset %u", first);
	const uint8_t *t = p + 4;
	uint32_t tlen = length - 4;
	if (first > tlen) {
		out_fmt(o, " (too large, must be <= %u)", tlen);
		return;
	}
	switch (opcode) {
	case CFM_CCM:
		if (first < CCM_LEN) {
			out_fmt(o, " (too small 1, must be >= %u)", CCM_LEN);
			return;
		}
		if (tlen < CCM_LEN)
			goto tooshort;
		NP_CHECK(t, pr->snapend, CCM_LEN);
		if (!cfm_ccm(pr, t, flags))
			return;
		break;
	case CFM_LTM:
		if (first < LTM_LEN) {
			out_fmt(o, " (too small 4, must be >= %u)", LTM_LEN);
			return;
		}
		if (tlen < LTM_LEN)
			goto tooshort;
		NP_CHECK(t, pr->snapend, LTM_LEN);
		out_str(o, ", Flags [");
		print_bits(pr, cfm_ltm_flag_names, flags, ", ", "none");
		out_fmt(o, "]\n\t  Transaction-ID 0x%08x, ttl %u\n\t  Original-MAC ", np_load_be32(t), t[4]);
		out_mac(o, t + 5);
		out_str(o, ", Target-MAC ");
		out_mac(o, t + 11);
		break;
	case CFM_LTR:
		if (first < LTR_LEN) {
			out_fmt(o, " (too small 5, must be >= %u)", LTR_LEN);
			return;
		}
		if (tlen < LTR_LEN)
			goto tooshort;
		NP_CHECK(t, pr->snapend, LTR_LEN);
		out_str(o, ", Flags [");
		print_bits(pr, cfm_ltr_flag_names, flags, ", ", "none");
		out_fmt(o, "]\n\t  Transaction-ID 0x%08x, ttl %u\n\t  Replay-Action %s (%u)", np_load_be32(t), t[4],
			tok2str(cfm_ltr_action_names, "Unknown", t[5]), t[5]);
		break;
	default: /* no decoder: the body up to the TLVs */ print_unknown_data(pr, t, "\n\t  ", tlen - first); break;
	}
	t += first;
	tlen -= first;
	while (tlen > 0) {
		uint8_t type;
		NP_GET_U8(type, t, pr->snapend);
		out_fmt(o, "\n\t%s TLV (0x%02x)", tok2str(cfm_tlv_names, "Unknown", type), type);
		if (type == TLV_END)
			return;
		if (tlen < 3)
			goto tooshort;
		uint16_t len;
		NP_GET_BE16(len, t + 1, pr->snapend);
		out_fmt(o, ", length %u", len);
		t += 3;
		tlen -= 3;
		if (tlen < len)
			goto tooshort;
		NP_CHECK(t, pr->snapend, len);
		bool hexdump = false;
		uint32_t dump;
		switch (type) {
		case TLV_PORT_STATUS:
		case TLV_IF_STATUS:
			if (len < 1) {
				out_str(o, " (too short, must be >= 1)");
				return;
			}
			out_fmt(o, ", Status: %s (%u)",
				tok2str(type == TLV_PORT_STATUS ? cfm_port_status_names : cfm_if_status_names,
					"Unknown", t[0]),
				t[0]);
			break;
		case TLV_PRIVATE:
			if (len < 4) {
				out_str(o, " (too short, must be >= 4)");
				return;
			}
			out_fmt(o, ", Vendor: %s (%u), Sub-Type %u",
				tok2str(oui_names, "Unknown", (uint32_t)t[0] << 16 | (uint32_t)t[1] << 8 | t[2]),
				(uint32_t)t[0] << 16 | (uint32_t)t[1] << 8 | t[2], t[3]);
			hexdump = true;
			break;
		case TLV_SENDER_ID: {
			uint32_t skip;
			enum sid_end e = cfm_sender_id(pr, t, len, &hexdump, &dump, &skip);
			if (e == SID_STOP)
				return;
			if (e == SID_DUMP && (hexdump || pr->o.vflag > 1))
				print_unknown_data(pr, t, "\n\t  ", dump);
			t += skip;
			tlen -= skip;
			continue;
		}
		default: hexdump = true; break;
		}
		if (hexdump || pr->o.vflag > 1)
			print_unknown_data(pr, t, "\n\t  ", len);
		t += len;
		tlen -= len;
	}
	return;
tooshort:
	out_str(o, "\n\t\t packet is too short");
	return;
trunc:
	print_trunc(pr);
}
