/*
 * loopback.c - the Ethernet configuration testing protocol (ethertype
 * 0x9000, "Loopback" in Ethernet II's spec) as tcpdump 4.99's
 * print-loopback.c writes it: the skip count, then the first message
 * (Reply with its receipt number, or Forward Data with its address).
 *
 * Not for: the messages after the first.
 */
#include "print.h"

#define LOOPBACK_REPLY 1
#define LOOPBACK_FWDDATA 2

static const np_tok loopback_fcode_names[] = {{LOOPBACK_REPLY, "Reply"}, {LOOPBACK_FWDDATA, "Forward Data"}, {0, NULL}};

/* tcpdump's "invalid" exit: the note, then a stop if [cp, cp+len) is not
 * all captured. */
static void loopback_invalid(np_printer *pr, const uint8_t *cp, uint32_t len)
{
	print_invalid(pr);
	print_rest_captured(pr, cp, len);
}

static void print_loopback_message(np_printer *pr, const uint8_t *cp, uint32_t len)
{
	np_out *o = pr->out;
	uint16_t function, receipt;
	if (len < 2) {
		loopback_invalid(pr, cp, len);
		return;
	}
	NP_GET_LE16(function, cp, pr->snapend);
	cp += 2;
	len -= 2;
	out_fmt(o, ", %s", tok2str(loopback_fcode_names, " invalid (%u)", function));
	if (function == LOOPBACK_REPLY) {
		if (len < 2) {
			loopback_invalid(pr, cp, len);
			return;
		}
		NP_GET_LE16(receipt, cp, pr->snapend);
		out_fmt(o, ", receipt number %u", receipt);
		cp += 2;
		len -= 2;
		out_fmt(o, ", data (%u octets)", len);
	} else if (function == LOOPBACK_FWDDATA) {
		if (len < 6) {
			loopback_invalid(pr, cp, len);
			return;
		}
		NP_CHECK(cp, pr->snapend, 6);
		out_str(o, ", forwarding address ");
		out_mac(o, cp);
		cp += 6;
		len -= 6;
		out_fmt(o, ", data (%u octets)", len);
	}
	print_rest_captured(pr, cp, len);
	return;
trunc:
	print_trunc_stop(pr);
}

void print_loopback(np_printer *pr, const uint8_t *cp, uint32_t len)
{
	uint16_t skip;
	pr->protocol = "loopback";
	out_str(pr->out, "Loopback");
	if (len < 2) {
		loopback_invalid(pr, cp, len);
		return;
	}
	NP_GET_LE16(skip, cp, pr->snapend);
	cp += 2;
	len -= 2;
	out_fmt(pr->out, ", skipCount %u", skip);
	if (skip % 8)
		out_str(pr->out, " (bogus)");
	if (skip > len) {
		loopback_invalid(pr, cp, len);
		return;
	}
	NP_CHECK(cp, pr->snapend, skip);
	print_loopback_message(pr, cp + skip, len - skip);
	return;
trunc:
	print_trunc_stop(pr);
}
