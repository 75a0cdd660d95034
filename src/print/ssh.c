/*
 * ssh.c - SSH on TCP port 22 as tcpdump prints it: only the version
 * exchange line (": SSH: SSH-2.0-..."); everything else, encrypted, is
 * left alone.
 *
 * Not for: key exchange or any binary packet.
 */
#include "print.h"

void print_ssh(np_printer *pr, const uint8_t *p, uint32_t length)
{
	static const char magic[4] = {'S', 'S', 'H', '-'};
	uint32_t idx = 0;
	pr->protocol = "ssh";
	for (; idx < 4; idx++) {
		uint8_t c;
		NP_GET_U8(c, p + idx, pr->snapend);
		if (c != (uint8_t)magic[idx])
			return;
	}
	for (; idx < length; idx++) {
		uint8_t c;
		NP_GET_U8(c, p + idx, pr->snapend);
		if (c == '\n')
			break;
		if (c == '\r') {
			uint8_t c2;
			if (idx + 1 >= length)
				return;
			NP_GET_U8(c2, p + idx + 1, pr->snapend);
			if (c2 != '\n')
				return;
			break;
		}
		if (c < 0x20 || c >= 0x7f)
			return;
	}
	if (idx >= length)
		return; /* no end of line in this segment */
	out_str(pr->out, ": SSH: ");
	out_mem(pr->out, (const char *)p, idx);
	return;
trunc:
	print_trunc_stop(pr);
}
