/*
 * esp.c - IPsec Encapsulating Security Payload text (RFC 4303, tcpdump's
 * print-esp.c without decryption): "ESP(spi=..,seq=..), length N".
 *
 * Not for: decrypting (tcpdump's -E); the payload is opaque.
 */
#include "print.h"

#define ESP_HDR_LEN 8 /* SPI, sequence number */

void print_esp(np_printer *pr, const uint8_t *p, uint32_t length)
{
	uint32_t spi = 0, seq = 0;
	pr->protocol = "esp";
	/* tcpdump wants at least one byte past the header before it prints. */
	if (!np_has(p, pr->snapend, ESP_HDR_LEN + 1)) {
		print_trunc(pr);
		return;
	}
	np_get_be32(p, pr->snapend, &spi);
	np_get_be32(p + 4, pr->snapend, &seq);
	out_fmt(pr->out, "ESP(spi=0x%08x,seq=0x%x), length %u", spi, seq, length);
}
