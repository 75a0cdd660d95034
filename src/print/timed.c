/*
 * timed.c - the Berkeley UNIX Time Synchronization Protocol (timed(8),
 * UDP 525) as tcpdump 4.99's print-timed.c writes it: message type,
 * version, sequence, the hop count or the time a message carries, and the
 * sender's host name.
 *
 * Not for: setting or judging clocks; NTP is ntp.c.
 */
#include "print.h"

#define TSP_NAME_MAX 256 /* tsp_name: NUL-terminated, up to 256 bytes */

enum { TSP_ADJTIME = 1, TSP_SETTIME = 5, TSP_SETDATE = 22, TSP_SETDATEREQ = 23, TSP_LOOP = 24 };

static const np_tok tsp_type_names[] = {
	{0, "TSP_ANY"},       {1, "TSP_ADJTIME"},  {2, "TSP_ACK"},       {3, "TSP_MASTERREQ"},
	{4, "TSP_MASTERACK"}, {5, "TSP_SETTIME"},  {6, "TSP_MASTERUP"},  {7, "TSP_SLAVEUP"},
	{8, "TSP_ELECTION"},  {9, "TSP_ACCEPT"},   {10, "TSP_REFUSE"},   {11, "TSP_CONFLICT"},
	{12, "TSP_RESOLVE"},  {13, "TSP_QUIT"},    {14, "TSP_DATE"},     {15, "TSP_DATEREQ"},
	{16, "TSP_DATEACK"},  {17, "TSP_TRACEON"}, {18, "TSP_TRACEOFF"}, {19, "TSP_MSITE"},
	{20, "TSP_MSITEREQ"}, {21, "TSP_TEST"},    {22, "TSP_SETDATE"},  {23, "TSP_SETDATEREQ"},
	{24, "TSP_LOOP"},     {0, NULL},
};

/* A signed seconds.microseconds time; tcpdump carries the sign across a
 * negative seconds field with a microsecond part. */
static void print_tsp_time(np_printer *pr, int32_t sec, int32_t usec)
{
	out_str(pr->out, " time ");
	if (sec < 0 && usec != 0) {
		sec++;
		if (sec == 0)
			out_str(pr->out, "-");
		usec = 1000000 - usec;
	}
	out_fmt(pr->out, "%d.%06d", sec, usec);
}

void print_timed(np_printer *pr, const uint8_t *p)
{
	np_out *o = pr->out;
	const uint8_t *end = pr->snapend;
	uint8_t type, vers;
	uint16_t seq;
	pr->protocol = "timed";
	NP_GET_U8(type, p, end);
	out_str(o, tok2str(tsp_type_names, "(tsp_type %#x)", type));
	NP_GET_U8(vers, p + 1, end);
	out_fmt(o, " vers %u", vers);
	NP_GET_BE16(seq, p + 2, end);
	out_fmt(o, " seq %u", seq);
	switch (type) {
	case TSP_LOOP: {
		uint8_t hops;
		NP_GET_U8(hops, p + 4, end);
		out_fmt(o, " hopcnt %u", hops);
		break;
	}
	case TSP_SETTIME:
	case TSP_ADJTIME:
	case TSP_SETDATE:
	case TSP_SETDATEREQ: {
		uint32_t sec, usec;
		NP_GET_BE32(sec, p + 4, end);
		NP_GET_BE32(usec, p + 8, end);
		if ((int32_t)usec < 0)
			return; /* invalid: the rest is not printed */
		print_tsp_time(pr, (int32_t)sec, (int32_t)usec);
		break;
	}
	default: break;
	}
	out_str(o, " name ");
	if (!print_text_nul(pr, p + 12, TSP_NAME_MAX))
		goto trunc;
	return;
trunc:
	print_trunc_stop(pr);
}
