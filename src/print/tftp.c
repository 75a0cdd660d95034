/*
 * tftp.c - Trivial File Transfer Protocol text (RFC 1350, options RFC
 * 2347) as tcpdump 4.99's print-tftp.c writes it: "TFTP, length N, RRQ
 * "file" octet blksize 1428", block numbers of DATA and ACK, ERROR codes
 * and messages.
 *
 * Not for: the transferred data (never printed) or following a transfer
 * to the server's new port (tcpdump needs -T tftp for that, unsupported).
 */
#include "print.h"

enum { TFTP_RRQ = 1, TFTP_WRQ = 2, TFTP_DATA = 3, TFTP_ACK = 4, TFTP_ERROR = 5, TFTP_OACK = 6 };

static const np_tok tftp_op_names[] = {
	{TFTP_RRQ, "RRQ"},     {TFTP_WRQ, "WRQ"},   {TFTP_DATA, "DATA"}, {TFTP_ACK, "ACK"},
	{TFTP_ERROR, "ERROR"}, {TFTP_OACK, "OACK"}, {0, NULL},
};

static const np_tok tftp_error_names[] = {
	{0, "EUNDEF"}, {1, "ENOTFOUND"}, {2, "EACCESS"}, {3, "ENOSPACE"}, {4, "EBADOP"},
	{5, "EBADID"}, {6, "EEXISTS"},   {7, "ENOUSER"}, {0, NULL},
};

/* NUL-terminated strings up to the end of the message, each after a space
 * unless empty (the options of a request or OACK); false when one has no
 * NUL before the end of the message or the capture. */
static bool print_tftp_strings(np_printer *pr, const uint8_t *p, uint32_t length, bool *stop)
{
	while (length != 0) {
		uint8_t c;
		if (!np_get_u8(p, pr->snapend, &c)) {
			*stop = true;
			return false;
		}
		if (c != '\0')
			out_char(pr->out, ' ');
		uint32_t n = print_text_zt(pr, p, length);
		if (n == 0)
			return false;
		p += n;
		length -= n;
	}
	return true;
}

/* ' "name"' (a file name or error message): the bytes it took, 0 when
 * the message or the capture ended before its NUL. */
static uint32_t print_tftp_quoted(np_printer *pr, const uint8_t *p, uint32_t length)
{
	if (length == 0)
		return 0;
	out_str(pr->out, " \"");
	uint32_t n = print_text_zt(pr, p, length);
	out_char(pr->out, '"');
	return n;
}

void print_tftp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	uint16_t opcode, v;
	uint32_t n;
	bool stop = false;
	pr->protocol = "tftp";
	out_fmt(o, "TFTP, length %u", length);
	if (length < 2)
		goto trunc;
	if (!np_get_be16(p, pr->snapend, &opcode))
		goto stop;
	const char *name = tok_name(tftp_op_names, opcode);
	if (name == NULL) {
		out_fmt(o, ", tftp-#%u", opcode);
		return;
	}
	out_fmt(o, ", %s", name);
	p += 2;
	length -= 2;
	switch (opcode) {
	case TFTP_RRQ:
	case TFTP_WRQ:
		if ((n = print_tftp_quoted(pr, p, length)) == 0)
			goto trunc;
		p += n;
		length -= n;
		if (length == 0)
			goto trunc; /* no mode */
		out_char(o, ' ');
		if ((n = print_text_zt(pr, p, length)) == 0)
			goto trunc;
		p += n;
		length -= n;
		/* the options follow, as after OACK */
		/* FALLTHROUGH */
	case TFTP_OACK:
		if (!print_tftp_strings(pr, p, length, &stop))
			goto done;
		return;
	case TFTP_DATA:
	case TFTP_ACK:
		if (length < 2)
			goto trunc;
		if (!np_get_be16(p, pr->snapend, &v))
			goto stop;
		out_fmt(o, " block %u", v);
		return;
	default: /* TFTP_ERROR */
		if (length < 2)
			goto trunc;
		if (!np_get_be16(p, pr->snapend, &v))
			goto stop;
		out_fmt(o, " %s", tok2str(tftp_error_names, "tftp-err-#%u \"", v));
		p += 2;
		length -= 2;
		if (print_tftp_quoted(pr, p, length) == 0)
			goto trunc;
		return;
	}
done:
	if (stop)
		goto stop;
trunc:
	print_trunc(pr);
	return;
stop:
	print_trunc_stop(pr);
}
