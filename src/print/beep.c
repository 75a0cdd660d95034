/*
 * beep.c - BEEP (RFC 3080) on TCP port 10288 as tcpdump prints it: the
 * frame's keyword only (" BEEP MSG", ...), or " BEEP (payload or
 * undecoded)".
 *
 * Not for: frame headers or payloads.
 */
#include "print.h"

#include <string.h>

/* tcpdump compares 4 bytes of each keyword, NUL included for the two
 * three-letter ones ("MSG", "END"), so those match only before a NUL. */
static const char beep_keywords[][5] = {"MSG", "RPY ", "ERR ", "ANS ", "NUL ", "SEQ ", "END"};

void print_beep(np_printer *pr, const uint8_t *p, uint32_t length)
{
	pr->protocol = "beep";
	for (size_t i = 0; i < sizeof(beep_keywords) / sizeof(beep_keywords[0]); i++) {
		if (np_has(p, pr->snapend, 4) && length >= 4 && memcmp(p, beep_keywords[i], 4) == 0) {
			out_str(pr->out, " BEEP ");
			out_mem(pr->out, beep_keywords[i], 3);
			return;
		}
	}
	out_str(pr->out, " BEEP (payload or undecoded)");
}
