/*
 * vqp.c - Cisco's VLAN Query Protocol (VMPS, UDP 1589) as tcpdump 4.99's
 * print-vqp.c writes it: message type and error code, with -v the
 * sequence number and each object (client address, port, VLAN and domain
 * names, MAC addresses).
 *
 * Not for: VQP versions other than 1 (named only).
 */
#include "print.h"

#define VQP_HDRLEN 8
#define VQP_OBJ_HDRLEN 6

static const np_tok vqp_msg_names[] = {
	{1, "Request, Join Port"},
	{2, "Response, VLAN"},
	{3, "Request, Reconfirm"},
	{4, "Response, Reconfirm"},
	{0, NULL},
};

static const np_tok vqp_error_names[] = {
	{0, "No error"}, {3, "Access denied"}, {4, "Shutdown port"}, {5, "Wrong VTP domain"}, {0, NULL},
};

static const np_tok vqp_obj_names[] = {
	{0x0c01, "Client IP Address"}, {0x0c02, "Port Name"}, {0x0c03, "VLAN Name"},   {0x0c04, "VTP Domain"},
	{0x0c05, "Ethernet Packet"},   {0x0c06, "MAC Null"},  {0x0c08, "MAC Address"}, {0, NULL},
};

void print_vqp(np_printer *pr, const uint8_t *p, uint32_t len)
{
	np_out *o = pr->out;
	const uint8_t *tp = p;
	uint32_t tlen = len, seq;
	pr->protocol = "vqp";
	NP_CHECK(p, pr->snapend, VQP_HDRLEN);
	if (tlen < VQP_HDRLEN)
		goto invalid;
	if (p[0] != 1) {
		out_fmt(o, "VQP version %u packet not supported", p[0]);
		return;
	}
	const char *err = tok_name(vqp_error_names, p[2]);
	if (pr->o.vflag < 1) {
		out_fmt(o, "VQPv%u %s Message, ", p[0], tok2str(vqp_msg_names, "unknown (%u)", p[1]));
		out_fmt(o, "error-code %s (%u), length %u", err ? err : "unknown", p[2], len);
		return;
	}
	uint8_t nitems = p[3];
	NP_GET_BE32(seq, p + 4, pr->snapend);
	out_fmt(o, "\n\tVQPv%u, %s Message, ", p[0], tok2str(vqp_msg_names, "unknown (%u)", p[1]));
	out_fmt(o, "error-code %s (%u), seq 0x%08x, items %u, length %u", err ? err : "unknown", p[2], seq, nitems,
		len);
	tp += VQP_HDRLEN;
	tlen -= VQP_HDRLEN;
	while (nitems != 0 && tlen != 0) {
		uint32_t type, v;
		uint16_t olen;
		NP_CHECK(tp, pr->snapend, VQP_OBJ_HDRLEN);
		if (tlen < VQP_OBJ_HDRLEN)
			goto invalid;
		NP_GET_BE32(type, tp, pr->snapend);
		NP_GET_BE16(olen, tp + 4, pr->snapend);
		tp += VQP_OBJ_HDRLEN;
		tlen -= VQP_OBJ_HDRLEN;
		out_fmt(o, "\n\t  %s Object (0x%08x), length %u, value: ", tok2str(vqp_obj_names, "Unknown", type),
			type, olen);
		if (type == 0 || olen == 0)
			return;
		NP_CHECK(tp, pr->snapend, olen);
		if (olen > tlen)
			goto invalid;
		switch (type) {
		case 0x0c01:
			if (olen != 4)
				goto invalid;
			NP_GET_BE32(v, tp, pr->snapend);
			out_ipv4(o, tp);
			out_fmt(o, " (0x%08x)", v);
			break;
		case 0x0c02:
		case 0x0c03:
		case 0x0c04:
		case 0x0c05:
			if (!print_text_nul(pr, tp, olen))
				goto trunc;
			break;
		case 0x0c06:
		case 0x0c08:
			if (olen != 6)
				goto invalid;
			out_mac(o, tp);
			break;
		default:
			if (pr->o.vflag <= 1)
				print_unknown_data(pr, tp, "\n\t    ", olen);
			break;
		}
		tp += olen;
		tlen -= olen;
		nitems--;
	}
	return;
invalid:
	print_invalid(pr);
	return;
trunc:
	print_trunc_stop(pr);
}
