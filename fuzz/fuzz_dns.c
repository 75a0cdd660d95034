/*
 * fuzz_dns.c - libFuzzer target over the DNS reader and printer alone.
 *
 * Input: byte 0 picks the printer's -v level (bits 0-1), mDNS (bit 2) and
 * DNS over TCP (bit 3); the rest is one DNS message (with its 2-byte length
 * first when over TCP). The message is read with every decode/dns.h entry
 * point (header, records, names, extended rcode) and printed to a buffer
 * that is thrown away; the sanitizers do the judging. Reads outside the
 * message, leaks, endless loops or undefined behaviour are bugs.
 */
#include "../src/decode/dns.h"
#include "fuzz_common.h"

/* Walk every record and name the reader can find. */
static void read_all(const uint8_t *p, const uint8_t *end)
{
	np_dns_msg m;
	if (np_dns_parse(&m, p, end) != NP_OK)
		return;
	(void)np_dns_rcode(&m);
	np_dns_iter it;
	np_dns_rr rr;
	char name[NP_DNS_MAX_NAME + 1];
	np_dns_iter_init(&it, &m);
	while (np_dns_iter_next(&it, &rr) == NP_DNS_OK) {
		np_dns_name(&m, rr.name, name, sizeof(name), NULL);
		if (rr.type == NP_DNS_T_CNAME || rr.type == NP_DNS_T_NS || rr.type == NP_DNS_T_PTR)
			np_dns_name(&m, rr.rdata, name, sizeof(name), NULL);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t f;
	size_t n;
	uint8_t *msg = fuzz_message(data, size, &f, &n);
	if (!msg)
		return 0;
	bool tcp = (f >> 3) & 1;
	read_all(tcp && n >= 2 ? msg + 2 : msg, msg + n);

	np_print_opts o;
	memset(&o, 0, sizeof(o));
	o.vflag = f & 3;
	static np_printer pr;
	fuzz_printer_open(&pr, &o, msg, n);
	/* the length the layer below claims: what was captured, or more (byte 0's top bits) */
	print_domain(&pr, msg, (uint32_t)n + (f >> 6), tcp, (f >> 2) & 1);
	fuzz_printer_close(&pr);
	free(msg);
	return 0;
}
