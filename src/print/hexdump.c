/*
 * hexdump.c - the raw dumps: -x (hex), -X (hex and ASCII), -A (ASCII), and
 * the hex+ASCII dump tcpdump prints for payloads it has no printer for.
 * Layout and the truncation mark follow tcpdump 4.99's print-ascii.c.
 */
#include "print.h"

#define BYTES_PER_LINE 16
#define HEXSTUFF_PER_LINE 40 /* 8 shorts of " xxxx" */

static bool is_graph(uint8_t c)
{
	return c > 0x20 && c < 0x7f;
}

/* Clamp len to what is captured; true if it had to. */
static bool clamp(const np_printer *pr, const uint8_t *p, uint32_t *len)
{
	uint32_t cap = print_caplen_from(pr, p);
	if (*len > cap) {
		*len = cap;
		return true;
	}
	return false;
}

bool print_ascii(np_printer *pr, const uint8_t *p, uint32_t len)
{
	const char *saved = pr->protocol;
	pr->protocol = "ascii";
	bool truncated = clamp(pr, p, &len);
	out_char(pr->out, '\n');
	while (len > 0) {
		uint8_t s = *p++;
		len--;
		if (s == '\r') {
			if (len > 1 && *p != '\n')
				out_char(pr->out, '.');
		} else if (!is_graph(s) && s != '\t' && s != ' ' && s != '\n') {
			out_char(pr->out, '.');
		} else {
			out_char(pr->out, (char)s);
		}
	}
	if (truncated) {
		print_trunc(pr);
		return false;
	}
	pr->protocol = saved;
	return true;
}

static void hex_line(np_printer *pr, const char *indent, uint32_t offset, const char *hex, size_t hexlen,
		     const char *ascii, size_t asciilen)
{
	out_str(pr->out, indent);
	out_str(pr->out, "0x");
	out_hex(pr->out, offset, 4);
	out_str(pr->out, ": ");
	out_mem(pr->out, hex, hexlen);
	for (size_t i = hexlen; i < HEXSTUFF_PER_LINE; i++)
		out_char(pr->out, ' ');
	out_str(pr->out, "  ");
	out_mem(pr->out, ascii, asciilen);
}

bool print_hex_ascii_offset(np_printer *pr, const char *indent, const uint8_t *p, uint32_t len, uint32_t offset)
{
	static const char digits[] = "0123456789abcdef";
	bool truncated = clamp(pr, p, &len);
	char hex[HEXSTUFF_PER_LINE + 1], ascii[BYTES_PER_LINE + 1];
	size_t hl = 0, al = 0;
	for (uint32_t i = 0; i < len; i++) {
		uint8_t c = p[i];
		if ((i & 1) == 0)
			hex[hl++] = ' ';
		hex[hl++] = digits[c >> 4];
		hex[hl++] = digits[c & 15];
		ascii[al++] = is_graph(c) ? (char)c : '.';
		if (al == BYTES_PER_LINE) {
			hex_line(pr, indent, offset, hex, hl, ascii, al);
			offset += BYTES_PER_LINE;
			hl = al = 0;
		}
	}
	if (al > 0)
		hex_line(pr, indent, offset, hex, hl, ascii, al);
	if (truncated) {
		print_trunc(pr);
		return false;
	}
	return true;
}

bool print_hex_ascii(np_printer *pr, const char *indent, const uint8_t *p, uint32_t len)
{
	return print_hex_ascii_offset(pr, indent, p, len, 0);
}

bool print_hex(np_printer *pr, const char *indent, const uint8_t *p, uint32_t len)
{
	return print_hex_offset(pr, indent, p, len, 0);
}

bool print_hex_offset(np_printer *pr, const char *indent, const uint8_t *p, uint32_t len, uint32_t offset)
{
	static const char digits[] = "0123456789abcdef";
	bool truncated = clamp(pr, p, &len);
	for (uint32_t i = 0; i < len; i++) {
		if ((i % BYTES_PER_LINE) == 0) {
			out_str(pr->out, indent);
			out_str(pr->out, "0x");
			out_hex(pr->out, offset, 4);
			out_str(pr->out, ": ");
			offset += BYTES_PER_LINE;
		}
		if ((i & 1) == 0)
			out_char(pr->out, ' ');
		out_char(pr->out, digits[p[i] >> 4]);
		out_char(pr->out, digits[p[i] & 15]);
	}
	if (truncated) {
		print_trunc(pr);
		return false;
	}
	return true;
}

void print_default(np_printer *pr, const uint8_t *p, uint32_t caplen)
{
	print_hex_ascii(pr, "\n\t", p, caplen);
}

void print_unknown_data(np_printer *pr, const uint8_t *p, const char *indent, uint32_t len)
{
	if (p > pr->snapend) {
		out_str(pr->out, indent);
		out_str(pr->out, "Dissector error: print_unknown_data called with pointer past end of packet");
		return;
	}
	uint32_t cap = print_caplen_from(pr, p);
	print_hex(pr, indent, p, len < cap ? len : cap);
}
