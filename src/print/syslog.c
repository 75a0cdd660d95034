/*
 * syslog.c - BSD syslog over UDP 514 (RFC 3164, RFC 5424's header is not
 * parsed further) as tcpdump 4.99's print-syslog.c writes it: the
 * facility and severity from the "<PRI>" prefix, and with -v the whole
 * message text as sent (controls shown, not cleaned up).
 *
 * Not for: syslog over TCP (RFC 6587) or TLS; tcpdump has no printer there.
 */
#include "print.h"

#define SYSLOG_MAX_DIGITS 3 /* digits of PRI read at most */

static const np_tok syslog_severity_names[] = {
	{0, "emergency"}, {1, "alert"}, {2, "critical"}, {3, "error"}, {4, "warning"},
	{5, "notice"},    {6, "info"},  {7, "debug"},    {0, NULL},
};

static const np_tok syslog_facility_names[] = {
	{0, "kernel"},    {1, "user"},    {2, "mail"},    {3, "daemon"},    {4, "auth"},
	{5, "syslog"},    {6, "lpr"},     {7, "news"},    {8, "uucp"},      {9, "cron"},
	{10, "authpriv"}, {11, "ftp"},    {12, "ntp"},    {13, "security"}, {14, "console"},
	{15, "cron"},     {16, "local0"}, {17, "local1"}, {18, "local2"},   {19, "local3"},
	{20, "local4"},   {21, "local5"}, {22, "local6"}, {23, "local7"},   {0, NULL},
};

void print_syslog(np_printer *pr, const uint8_t *p, uint32_t length)
{
	np_out *o = pr->out;
	uint32_t off = 0, pri = 0;
	uint8_t c;
	pr->protocol = "syslog";
	NP_GET_U8(c, p, pr->snapend);
	if (c != '<') {
		print_invalid(pr);
		return;
	}
	off++;
	for (;;) {
		NP_GET_U8(c, p + off, pr->snapend);
		if (off > SYSLOG_MAX_DIGITS || c < '0' || c > '9')
			break;
		pri = pri * 10 + (uint32_t)(c - '0');
		off++;
	}
	if (c != '>') {
		print_invalid(pr);
		return;
	}
	off++;
	/* the facility mask keeps 7 bits, as tcpdump's does */
	uint32_t facility = (pri & 0x03f8) >> 3, severity = pri & 0x07;
	const char *fname = tok2str(syslog_facility_names, "unknown (%u)", facility);
	const char *sname = tok2str(syslog_severity_names, "unknown (%u)", severity);
	if (pr->o.vflag < 1) {
		out_fmt(o, "SYSLOG %s.%s, length: %u", fname, sname, length);
		return;
	}
	out_fmt(o, "SYSLOG, length: %u\n\tFacility %s (%u), Severity %s (%u)\n\tMsg: ", length, fname, facility, sname,
		severity);
	if (length > off && !print_text(pr, p + off, length - off))
		goto trunc;
	if (pr->o.vflag > 1)
		print_unknown_data(pr, p, "\n\t", length);
	return;
trunc:
	print_trunc_stop(pr);
}
