/*
 * resp.c - the REdis Serialization Protocol (TCP 6379, or -T resp) as
 * tcpdump 4.99's print-resp.c writes it: ": RESP" and each simple string,
 * error, integer, bulk string and inline command in quotes, arrays'
 * elements in turn ("empty", "null", "invalid" where the lengths say so).
 *
 * Arrays are walked flat, with a count of the elements still owed, rather
 * than by recursion as tcpdump does: the text is the same (an array adds
 * no text of its own), and a packet of nested one-element arrays cannot
 * exhaust the stack.
 *
 * Not for: following a command or reply across TCP segments.
 */
#include <limits.h>

#include "print.h"

/* The bytes being walked: p, and what the TCP length says is left. */
struct resp_cur {
	const uint8_t *p;
	int64_t len;
};

enum { LEN_TRUNC = -2, LEN_TOO_LARGE = -3, LEN_NEGATIVE = -4, LEN_INVALID = -5 };

static bool at(np_printer *pr, const struct resp_cur *c, uint32_t i, uint8_t *v)
{
	return np_get_u8(c->p + i, pr->snapend, v);
}

static void advance(struct resp_cur *c, int64_t n)
{
	c->p += n;
	c->len -= n;
}

/* tcpdump's resp_get_length: "<digits>\r\n" or "-1\r\n"; the value, or a
 * LEN_* code. The cursor moves past what was read. false: off the capture. */
static bool get_length(np_printer *pr, struct resp_cur *c, int *value)
{
	uint8_t ch;
	int result = 0;
	bool neg = false, saw_digit = false, too_large = false;
	*value = LEN_TRUNC;
	if (c->len == 0)
		return true;
	if (!at(pr, c, 0, &ch))
		return false;
	if (ch == '-') {
		neg = true;
		advance(c, 1);
	}
	for (;;) {
		if (c->len == 0)
			return true;
		if (!at(pr, c, 0, &ch))
			return false;
		if (ch < '0' || ch > '9') {
			if (!saw_digit) {
				advance(c, 1);
				*value = LEN_INVALID;
				return true;
			}
			break;
		}
		int d = ch - '0';
		if (result > INT_MAX / 10)
			too_large = true;
		else if ((result *= 10) == (INT_MAX / 10) * 10 && d > INT_MAX % 10)
			too_large = true;
		else
			result += d;
		advance(c, 1);
		saw_digit = true;
	}
	advance(c, 1); /* the non-digit, which must be \r */
	if (ch != '\r') {
		*value = LEN_INVALID;
		return true;
	}
	if (c->len == 0)
		return true;
	if (!at(pr, c, 0, &ch))
		return false;
	advance(c, 1);
	if (ch != '\n') {
		*value = LEN_INVALID;
		return true;
	}
	if (neg)
		*value = (too_large || result != 1) ? LEN_NEGATIVE : -1;
	else
		*value = too_large ? LEN_TOO_LARGE : result;
	return true;
}

/* The text for a length that is not a count (or 0); false for LEN_TRUNC. */
static bool print_odd_length(np_printer *pr, int n)
{
	switch (n) {
	case 0: out_str(pr->out, " empty"); return true;
	case -1: out_str(pr->out, " null"); return true;
	case LEN_TRUNC: return false;
	case LEN_TOO_LARGE: out_str(pr->out, " length too large"); return true;
	case LEN_NEGATIVE: out_str(pr->out, " length negative and not -1"); return true;
	default: out_str(pr->out, " invalid"); return true;
	}
}

/* Move to the next "\r\n" (tcpdump's FIND_CRLF): false when none before
 * the length or the capture ends. */
static bool find_crlf(np_printer *pr, struct resp_cur *c)
{
	for (;;) {
		if (c->len < 2 || !np_has(c->p, pr->snapend, 2))
			return false;
		if (c->p[0] == '\r' && c->p[1] == '\n')
			return true;
		advance(c, 1);
	}
}

/* Skip \r and \n bytes; false when none was there and the data ended. */
static bool skip_cr_lf(np_printer *pr, struct resp_cur *c)
{
	bool found = false;
	for (;;) {
		uint8_t ch;
		if (c->len == 0 || !at(pr, c, 0, &ch))
			return found;
		if (ch != '\r' && ch != '\n')
			return true;
		found = true;
		advance(c, 1);
	}
}

static bool print_segment(np_printer *pr, const uint8_t *p, int64_t n)
{
	out_str(pr->out, " \"");
	if (!print_text(pr, p, (uint32_t)n))
		return false;
	out_char(pr->out, '"');
	return true;
}

/* One item (an array contributes its element count to *owed); false when
 * the walk must stop with the truncation mark. */
static bool print_item(np_printer *pr, struct resp_cur *c, uint64_t *owed)
{
	uint8_t op;
	int n;
	if (c->len < 1 || !at(pr, c, 0, &op))
		return false;
	switch (op) {
	case '+':
	case '-':
	case ':': {
		advance(c, 1);
		const uint8_t *text = c->p;
		if (!find_crlf(pr, c) || !print_segment(pr, text, c->p - text))
			return false;
		advance(c, 2);
		return true;
	}
	case '$':
		advance(c, 1);
		if (!get_length(pr, c, &n))
			return false;
		if (n < 0) /* null or bad: nothing more of this item is read */
			return print_odd_length(pr, n);
		if (n == 0) {
			out_str(pr->out, " empty");
		} else {
			if (c->len < n || !np_has(c->p, pr->snapend, (size_t)n) || !print_segment(pr, c->p, n))
				return false;
			advance(c, n);
		}
		if (!find_crlf(pr, c))
			return false;
		advance(c, 2);
		return true;
	case '*':
		advance(c, 1);
		if (!get_length(pr, c, &n))
			return false;
		if (n > 0) {
			*owed += (uint64_t)n;
			return true;
		}
		return print_odd_length(pr, n);
	default: {
		if (!skip_cr_lf(pr, c))
			return false;
		const uint8_t *text = c->p;
		for (;;) {
			uint8_t ch;
			if (c->len < 1 || !at(pr, c, 0, &ch))
				return false;
			if (ch == '\r' || ch == '\n')
				break;
			advance(c, 1);
		}
		if (!print_segment(pr, text, c->p - text))
			return false;
		return skip_cr_lf(pr, c);
	}
	}
}

void print_resp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	struct resp_cur c = {p, length};
	uint64_t owed = 0; /* array elements still to come */
	pr->protocol = "resp";
	out_str(pr->out, ": RESP");
	while (c.len > 0 || owed > 0) {
		uint64_t before = owed;
		if (!print_item(pr, &c, &owed)) {
			print_trunc_stop(pr);
			return;
		}
		if (before > 0)
			owed--; /* this item was one of them */
	}
}
