/*
 * arista.c - the Arista vendor header after ethertype 0xd28b as tcpdump's
 * arista_ethertype_print writes it: the subtype and, for the timestamp
 * subtype (TapAgg), the timescale, format, hardware and the 64-bit
 * (seconds + nanoseconds, printed as a UTC date) or 48-bit timestamp. The
 * original ethertype and frame follow (ether.c goes on with them).
 *
 * Not for: other Arista subtypes (tcpdump dumps them).
 */
#include <time.h>

#include "print.h"

#define ARISTA_SUBTYPE_TIMESTAMP 0x0001
#define FORMAT_64BIT 0x1
#define FORMAT_48BIT 0x2

static const np_tok subtypes[] = {{ARISTA_SUBTYPE_TIMESTAMP, "Timestamp"}, {0, NULL}};
static const np_tok timescales[] = {{0, "TAI"}, {1, "UTC"}, {0, NULL}};
static const np_tok formats[] = {{FORMAT_64BIT, "64-bit"}, {FORMAT_48BIT, "48-bit"}, {0, NULL}};
static const np_tok hw_infos[] = {{0, "R/R2"}, {1, "R3"}, {0, NULL}};

static void print_utc_date(np_printer *pr, uint32_t seconds, uint32_t ns)
{
	time_t ts = (time_t)seconds + ns / 1000000000u;
	struct tm tm;
	char buf[64];
	if (!gmtime_r(&ts, &tm))
		out_str(pr->out, "gmtime() error");
	else if (strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm) == 0)
		out_str(pr->out, "strftime() error");
	else
		out_fmt(pr->out, "%s.%09u", buf, ns % 1000000000u);
}

int print_arista(np_printer *pr, const uint8_t *p)
{
	np_out *o = pr->out;
	pr->protocol = "arista";
	uint16_t sub;
	NP_GET_BE16(sub, p, pr->snapend);
	out_fmt(o, "SubType %s (0x%04x), ", tok2str(subtypes, "Unknown", sub), sub);
	if (sub != ARISTA_SUBTYPE_TIMESTAMP)
		return -1;
	uint8_t scale, fmt;
	NP_GET_U8(scale, p + 2, pr->snapend);
	out_fmt(o, "Timescale %s (%u), ", tok2str(timescales, "Unknown", scale), scale);
	NP_GET_U8(fmt, p + 3, pr->snapend);
	out_fmt(o, "Format %s (%u), HwInfo %s (%u), Timestamp ", tok2str(formats, "Unknown", fmt >> 4), fmt >> 4,
		tok2str(hw_infos, "Unknown", fmt & 0x0f), fmt & 0x0f);
	int used = 4;
	switch (fmt >> 4) {
	case FORMAT_64BIT: {
		uint32_t sec, ns;
		NP_GET_BE32(sec, p + 4, pr->snapend);
		NP_GET_BE32(ns, p + 8, pr->snapend);
		print_utc_date(pr, sec, ns);
		used += 8;
		break;
	}
	case FORMAT_48BIT: {
		uint16_t sec;
		uint32_t ns;
		NP_GET_BE16(sec, p + 4, pr->snapend);
		NP_GET_BE32(ns, p + 6, pr->snapend);
		out_fmt(o, "%u.%09u", sec + ns / 1000000000u, ns % 1000000000u);
		used += 6;
		break;
	}
	default: return -1;
	}
	out_str(o, ": ");
	return used;
trunc:
	print_trunc_stop(pr);
	return 0;
}
