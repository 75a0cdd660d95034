/*
 * icmp6.c - ICMPv6 header (RFC 4443): type, code, checksum, and the echo
 * identifier and sequence number, in the layer's u.icmp (the same struct
 * ICMPv4 uses; the layer kind tells them apart). The flow table keys
 * ICMPv6 flows on type and code, and echo exchanges on the identifier.
 *
 * Fields are recorded as far as they were captured (the printer prints the
 * type of a message cut after its first byte, as tcpdump does), so a
 * truncated layer may still carry its type and code.
 *
 * Not for: message bodies (neighbour discovery options, MLD records, the
 * packet an error message quotes): the printer walks those, and decodes
 * the quoted header on demand.
 */
#include "../util/bytes.h"
#include "packet.h"

#define ICMP6_HDR_LEN 8u /* type, code, checksum and the 32-bit type-specific word */
#define ICMP6_MIN_LEN 4u /* type, code, checksum */
#define ICMP6_ECHO_REQUEST 128
#define ICMP6_ECHO_REPLY 129

static bool is_echo(uint8_t type)
{
	return type == ICMP6_ECHO_REQUEST || type == ICMP6_ECHO_REPLY;
}

/* Read the fields that were captured; false if any was cut off. */
static bool read_fields(struct np_icmp_info *icmp, const uint8_t *p, const uint8_t *end)
{
	if (!np_get_u8(p, end, &icmp->type) || !np_get_u8(p + 1, end, &icmp->code) ||
	    !np_get_be16(p + 2, end, &icmp->cksum))
		return false;
	if (is_echo(icmp->type))
		return np_get_be16(p + 4, end, &icmp->id) && np_get_be16(p + 6, end, &icmp->seq);
	return true;
}

void np_decode_icmp6(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len)
{
	np_layer *l = np_push_layer(pkt, NP_LAYER_ICMP6, p, end, len);
	if (!l)
		return;
	struct np_icmp_info *icmp = &l->u.icmp;
	bool captured = read_fields(icmp, p, end);
	l->hdrlen = len < ICMP6_HDR_LEN ? len : ICMP6_HDR_LEN;
	/* A message the IP layer says is shorter than its fixed fields is
	 * invalid however much was captured (Ethernet padding, say). */
	uint32_t need = np_has(p, end, 1) && is_echo(icmp->type) ? ICMP6_HDR_LEN : ICMP6_MIN_LEN;
	if (len < need)
		l->status = NP_INVALID;
	else
		l->status = captured ? NP_OK : NP_TRUNCATED;
}
