/*
 * fuzz_dhcp.c - libFuzzer target over the BOOTP/DHCP reader and printer
 * alone.
 *
 * Input: byte 0 picks the printer's -v level (bits 0-1) and how much
 * longer than the capture the transport claims the message is (bits 2-7);
 * the rest is one BOOTP message. It is read with every decode/bootp.h
 * entry point (header, option walk, option lookup) and printed to a buffer
 * that is thrown away; the sanitizers do the judging. Reads outside the
 * message, leaks, endless loops or undefined behaviour are bugs.
 */
#include "../src/decode/bootp.h"
#include "fuzz_common.h"

/* Walk every option the reader can find, and look a few up. */
static void read_all(const uint8_t *p, const uint8_t *end, uint32_t length)
{
	np_bootp_msg m;
	np_bootp_parse(&m, p, end, length);
	if (m.options == NULL)
		return;
	np_bootp_iter it;
	np_bootp_opt opt;
	volatile uint32_t sum = 0;
	np_bootp_opt_start(&it, m.options, end);
	while (np_bootp_opt_next(&it, &opt) == NP_BOOTP_OPT_OK)
		for (uint32_t i = 0; i < opt.len; i++)
			sum += opt.data[i];
	if (np_bootp_find_opt(&m, NP_DHCP_OPT_CLIENT_ID, &opt))
		for (uint32_t i = 0; i < opt.len; i++)
			sum += opt.data[i];
	if (m.requested_ip)
		sum += m.requested_ip[3];
	if (m.server_id)
		sum += m.server_id[3];
	if (m.client_mac)
		sum += m.client_mac[5];
	(void)sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t f;
	size_t n;
	uint8_t *msg = fuzz_message(data, size, &f, &n);
	if (!msg)
		return 0;
	uint32_t length = (uint32_t)n + (f >> 2);
	read_all(msg, msg + n, length);

	np_print_opts o;
	memset(&o, 0, sizeof(o));
	o.vflag = (f & 3) + 1; /* 1..4: the option list is printed */
	static np_printer pr;
	fuzz_printer_open(&pr, &o, msg, n);
	print_bootp(&pr, msg, length);
	fuzz_printer_close(&pr);
	free(msg);
	return 0;
}
