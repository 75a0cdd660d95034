/*
 * txtproto.c - the line-oriented text protocols tcpdump prints with its
 * txtproto_print: HTTP and RTSP (only segments that start with a request
 * or a status line), FTP, SMTP and WHOIS (every segment is text).
 *
 * Output: the protocol name in capitals, then the first line (": GET /
 * HTTP/1.1"), or with -v ", length: N" and every printable line, each on
 * its own "\n\t" line, until something that is not a text line.
 *
 * Not for: parsing headers or bodies; nothing here looks inside a line.
 */
#include "print.h"

#define MAX_TOKEN 128

static const char *const http_cmds[] = {
	"GET",
	"PUT",
	"COPY",
	"HEAD",
	"LOCK",
	"MOVE",
	"POLL",
	"POST",
	"BCOPY",
	"BMOVE",
	"MKCOL",
	"TRACE",
	"LABEL",
	"MERGE",
	"DELETE",
	"SEARCH",
	"UNLOCK",
	"REPORT",
	"UPDATE",
	"NOTIFY",
	"BDELETE",
	"CONNECT",
	"OPTIONS",
	"CHECKIN",
	"PROPFIND",
	"CHECKOUT",
	"CCM_POST",
	"SUBSCRIBE",
	"PROPPATCH",
	"BPROPFIND",
	"BPROPPATCH",
	"UNCHECKOUT",
	"MKACTIVITY",
	"MKWORKSPACE",
	"UNSUBSCRIBE",
	"RPC_CONNECT",
	"VERSION-CONTROL",
	"BASELINE-CONTROL",
	NULL,
};

static const char *const rtsp_cmds[] = {
	"DESCRIBE", "ANNOUNCE", "GET_PARAMETER", "OPTIONS",       "PAUSE",    "PLAY",
	"RECORD",   "REDIRECT", "SETUP",         "SET_PARAMETER", "TEARDOWN", NULL,
};

static bool is_print(uint8_t c)
{
	return c >= 0x20 && c < 0x7f;
}

static bool is_blank(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static uint8_t ascii_lower(uint8_t c)
{
	return (c >= 'A' && c <= 'Z') ? (uint8_t)(c + 32) : c;
}

static bool ascii_caseeq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (ascii_lower((uint8_t)*a) != ascii_lower((uint8_t)*b))
			return false;
	return *a == *b;
}

/*
 * The token (printable, non-blank ASCII) starting at idx, into tok; returns
 * the index after it and the blanks that follow on the same line, or 0 when
 * there is no token (or it is not ASCII, too long, or not captured).
 */
static uint32_t fetch_token(const np_printer *pr, const uint8_t *p, uint32_t idx, uint32_t len, char *tok,
			    size_t toksize)
{
	size_t n = 0;
	for (; idx < len; idx++) {
		uint8_t c;
		if (!np_get_u8(p + idx, pr->snapend, &c) || (c & 0x80))
			return 0;
		if (is_blank(c))
			break;
		if (!is_print(c) || n + 2 > toksize)
			return 0;
		tok[n++] = (char)c;
	}
	if (n == 0)
		return 0;
	tok[n] = '\0';
	for (; idx < len; idx++) {
		uint8_t c;
		if (!np_get_u8(p + idx, pr->snapend, &c))
			break;
		if (c == '\r' || c == '\n' || !is_print(c) || !is_blank(c))
			break;
	}
	return idx;
}

/*
 * Print the text line starting at idx after prefix; returns the index after
 * its end (LF or CR LF), or 0 when it is not a text line or does not end in
 * this segment (a line cut by the segment's end is printed with "[|proto]").
 */
static uint32_t print_txt_line(np_printer *pr, const char *prefix, const uint8_t *p, uint32_t idx, uint32_t len)
{
	uint32_t start = idx, linelen, next;
	while (idx < len) {
		uint8_t c;
		NP_GET_U8(c, p + idx, pr->snapend);
		if (c == '\n') {
			linelen = idx - start;
			next = idx + 1;
			goto print;
		}
		if (c == '\r') {
			uint8_t c2;
			if (idx + 1 >= len)
				return 0;
			NP_GET_U8(c2, p + idx + 1, pr->snapend);
			if (c2 != '\n')
				return 0;
			linelen = idx - start;
			next = idx + 2;
			goto print;
		}
		if (!is_print(c) && c != '\t')
			return 0;
		idx++;
	}
	out_str(pr->out, prefix);
	out_mem(pr->out, (const char *)p + start, idx - start);
	print_trunc(pr);
	return 0;
print:
	out_str(pr->out, prefix);
	out_mem(pr->out, (const char *)p + start, linelen);
	return next;
trunc:
	print_trunc_stop(pr);
	return 0;
}

/* A request line (a known command) or a status line (a 3-digit code as
 * the first or second token)? */
static bool looks_like_message(const np_printer *pr, const uint8_t *p, uint32_t len, const char *const *cmds,
			       bool resp_code_second)
{
	char tok[MAX_TOKEN + 1];
	bool found = false;
	uint32_t idx = fetch_token(pr, p, 0, len, tok, sizeof(tok));
	if (idx == 0)
		return false;
	for (; *cmds; cmds++) {
		if (ascii_caseeq(tok, *cmds)) {
			found = true;
			break;
		}
	}
	if (resp_code_second)
		idx = fetch_token(pr, p, idx, len, tok, sizeof(tok));
	if (idx != 0 && tok[0] >= '0' && tok[0] <= '9' && tok[1] >= '0' && tok[1] <= '9' && tok[2] >= '0' &&
	    tok[2] <= '9' && tok[3] == '\0')
		found = true;
	return found;
}

static void print_protocol_caps(np_printer *pr)
{
	for (const char *s = pr->protocol; *s; s++)
		out_char(pr->out, (*s >= 'a' && *s <= 'z') ? (char)(*s - 32) : *s);
}

/* tcpdump's txtproto_print; pr->protocol names the protocol. */
static void print_txtproto(np_printer *pr, const uint8_t *p, uint32_t len, const char *const *cmds,
			   bool resp_code_second)
{
	bool print_this = cmds ? looks_like_message(pr, p, len, cmds, resp_code_second) : true;
	print_protocol_caps(pr);
	if (!print_this)
		return;
	if (!pr->o.vflag) {
		print_txt_line(pr, ": ", p, 0, len);
		return;
	}
	out_str(pr->out, ", length: ");
	out_u32(pr->out, len);
	uint32_t idx = 0, eol;
	while (idx < len && (eol = print_txt_line(pr, "\n\t", p, idx, len)) != 0)
		idx = eol;
}

void print_http(np_printer *pr, const uint8_t *p, uint32_t length)
{
	pr->protocol = "http";
	print_txtproto(pr, p, length, http_cmds, true);
}

void print_rtsp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	pr->protocol = "rtsp";
	print_txtproto(pr, p, length, rtsp_cmds, true);
}

void print_ftp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	pr->protocol = "ftp";
	print_txtproto(pr, p, length, NULL, false);
}

void print_smtp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	pr->protocol = "smtp";
	print_txtproto(pr, p, length, NULL, false);
}

void print_whois(np_printer *pr, const uint8_t *p, uint32_t length)
{
	pr->protocol = "whois";
	print_txtproto(pr, p, length, NULL, false);
}
