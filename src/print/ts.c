/*
 * ts.c - tcpdump's timestamp forms: -t (none), default HH:MM:SS.frac,
 * -tt seconds.frac, -ttt delta from the previous packet, -tttt date and
 * time, -ttttt delta from the first packet. Times are UTC (tests run with
 * TZ=GMT0 and tcpdump uses local time; we print local time too).
 *
 * tcpdump 4.99 prints "[Error converting time]" when bit 31 of the 32-bit
 * seconds is set, and -tt prints the seconds truncated to 32 bits; both
 * quirks are kept so the text matches.
 */
#include "print.h"

#include <stdio.h>
#include <time.h>

static void print_frac(np_printer *pr, uint32_t frac)
{
	out_char(pr->out, '.');
	out_u32_pad(pr->out, frac, pr->o.nano ? 9 : 6);
}

static void print_hmsfrac(np_printer *pr, int64_t sec, uint32_t frac, bool with_date, bool local)
{
	if ((uint32_t)sec & 0x80000000u) {
		out_str(pr->out, "[Error converting time]");
		return;
	}
	/* Packets come many to a second: format each second once. */
	int kind = 1 + (with_date ? 2 : 0) + (local ? 1 : 0);
	if (pr->ts_cache_kind != kind || pr->ts_cache_sec != sec) {
		time_t t = (time_t)sec;
		struct tm tmv;
		struct tm *tm = local ? localtime_r(&t, &tmv) : gmtime_r(&t, &tmv);
		if (!tm) {
			out_str(pr->out, "[Error converting time]");
			return;
		}
		if (!strftime(pr->ts_cache, sizeof(pr->ts_cache), with_date ? "%Y-%m-%d %H:%M:%S" : "%H:%M:%S", tm))
			pr->ts_cache[0] = '\0';
		pr->ts_cache_kind = kind;
		pr->ts_cache_sec = sec;
	}
	out_str(pr->out, pr->ts_cache);
	print_frac(pr, frac);
}

/* a - b for (sec, frac) pairs, with a >= b. */
static void ts_sub(int64_t as, uint32_t af, int64_t bs, uint32_t bf, uint32_t unit, int64_t *rs, uint32_t *rf)
{
	*rs = as - bs;
	if (af >= bf) {
		*rf = af - bf;
	} else {
		*rs -= 1;
		*rf = af + unit - bf;
	}
}

static void print_delta(np_printer *pr, int64_t sec, uint32_t frac)
{
	uint32_t unit = pr->o.nano ? 1000000000u : 1000000u;
	if (!pr->have_ref) {
		pr->ref_sec = sec;
		pr->ref_frac = frac;
		pr->have_ref = true;
	}
	bool negative = sec < pr->ref_sec || (sec == pr->ref_sec && frac < pr->ref_frac);
	int64_t rs;
	uint32_t rf;
	if (negative)
		ts_sub(pr->ref_sec, pr->ref_frac, sec, frac, unit, &rs, &rf);
	else
		ts_sub(sec, frac, pr->ref_sec, pr->ref_frac, unit, &rs, &rf);
	out_char(pr->out, negative ? '-' : ' ');
	print_hmsfrac(pr, rs, rf, false, false);
	out_char(pr->out, ' ');
	if (pr->o.tflag == 3) {
		pr->ref_sec = sec;
		pr->ref_frac = frac;
	}
}

void print_timestamp(np_printer *pr, int64_t sec, uint32_t frac)
{
	switch (pr->o.tflag) {
	case 0:
		print_hmsfrac(pr, sec, frac, false, true);
		out_char(pr->out, ' ');
		break;
	case 1: break;
	case 2:
		if ((uint32_t)sec & 0x80000000u) {
			out_str(pr->out, "[Error converting time]");
		} else {
			out_u32(pr->out, (uint32_t)sec);
			print_frac(pr, frac);
		}
		out_char(pr->out, ' ');
		break;
	case 3:
	case 5: print_delta(pr, sec, frac); break;
	case 4:
		print_hmsfrac(pr, sec, frac, true, true);
		out_char(pr->out, ' ');
		break;
	}
}
