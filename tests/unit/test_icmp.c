/*
 * test_icmp.c - the ICMP decoder (src/decode/icmp.c): type, code,
 * checksum and the echo identifier/sequence, its place under IPv4, the
 * short-header verdicts, and that a capture cut at every length is
 * NP_TRUNCATED with no read past the cut (the ASan run checks that: each
 * cut copy is its own exact-size allocation).
 */
#include <stdlib.h>
#include <string.h>

#include "../../src/decode/packet.h"
#include "check.h"

/* Echo request id 0x1234 seq 7 with 4 bytes of data. */
static const uint8_t echo[] = {
	8, 0, 0xab, 0xcd, 0x12, 0x34, 0x00, 0x07, 'p', 'i', 'n', 'g',
};

/* Port unreachable quoting a UDP datagram's header. */
static const uint8_t unreach[] = {
	3, 3, 0x11, 0x22, 0, 0, 0,  0, 0x45, 0, 0,    28,   0,    1,    0, 0, 64, 17,
	0, 0, 10,   0,    0, 2, 10, 0, 0,    1, 0x9c, 0x40, 0x00, 0x35, 0, 8, 0,  0,
};

static void decode(np_packet *pkt, const uint8_t *p, uint32_t caplen, uint32_t wirelen)
{
	memset(pkt, 0, sizeof(*pkt));
	pkt->ip = pkt->l4 = -1;
	np_decode_icmp(pkt, p, p + caplen, wirelen);
}

static void test_echo_fields(void)
{
	np_packet pkt;
	decode(&pkt, echo, sizeof(echo), sizeof(echo));
	const np_layer *l = &pkt.layer[0];
	const struct np_icmp_info *ic = &l->u.icmp;
	CHECK(pkt.nlayers == 1);
	CHECK(l->kind == NP_LAYER_ICMP && l->status == NP_OK);
	CHECK(ic->type == 8 && ic->code == 0 && ic->cksum == 0xabcd);
	CHECK(ic->id == 0x1234 && ic->seq == 7);
	CHECK(l->hdrlen == 8 && l->len == sizeof(echo));
}

/* Errors have no identifier; the quoted datagram is left to the printer. */
static void test_error_fields(void)
{
	np_packet pkt;
	decode(&pkt, unreach, sizeof(unreach), sizeof(unreach));
	const np_layer *l = &pkt.layer[0];
	CHECK(pkt.nlayers == 1);
	CHECK(l->status == NP_OK && l->u.icmp.type == 3 && l->u.icmp.code == 3);
	CHECK(l->u.icmp.cksum == 0x1122 && l->u.icmp.id == 0 && l->u.icmp.seq == 0);
}

/* Under IPv4 the ICMP layer is the transport layer, scoped to the IP length. */
static void test_via_ip4(void)
{
	uint8_t dgram[20 + sizeof(echo) + 3]; /* 3 bytes of link padding after it */
	static const uint8_t iph[] = {
		0x45, 0, 0, 20 + sizeof(echo), 0, 1, 0, 0, 64, 1, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
	};
	memcpy(dgram, iph, sizeof(iph));
	memcpy(dgram + 20, echo, sizeof(echo));
	memset(dgram + 20 + sizeof(echo), 0, 3);
	np_packet pkt;
	np_decode(&pkt, NP_DLT_IPV4, dgram, sizeof(dgram), sizeof(dgram));
	CHECK(pkt.nlayers == 2 && pkt.ip == 0 && pkt.l4 == 1);
	const np_layer *l = np_find_layer(&pkt, NP_LAYER_ICMP);
	CHECK(l != NULL);
	if (!l)
		return;
	CHECK(l->status == NP_OK && l->p == dgram + 20 && l->len == sizeof(echo));
	CHECK(l->end == dgram + 20 + sizeof(echo));
	CHECK(l->u.icmp.id == 0x1234 && l->u.icmp.seq == 7);
}

/* A wire length below the 8-byte header cannot be right. */
static void test_short_message(void)
{
	np_packet pkt;
	decode(&pkt, echo, 3, 3);
	CHECK(pkt.layer[0].status == NP_INVALID && pkt.layer[0].u.icmp.type == 8);
	decode(&pkt, echo, 8, 7);
	CHECK(pkt.layer[0].status == NP_INVALID);
	decode(&pkt, echo, 0, 0);
	CHECK(pkt.layer[0].status == NP_INVALID);
}

static void test_truncation(void)
{
	for (uint32_t cut = 0; cut <= sizeof(echo); cut++) {
		uint8_t *copy = cut_copy(echo, cut);
		np_packet pkt;
		decode(&pkt, copy, cut, sizeof(echo));
		const np_layer *l = &pkt.layer[0];
		const struct np_icmp_info *ic = &l->u.icmp;
		CHECK(pkt.nlayers == 1);
		CHECK(l->status == (cut < 8 ? NP_TRUNCATED : NP_OK));
		CHECK((cut >= 1) == (ic->type == 8));
		CHECK((cut >= 4) == (ic->cksum == 0xabcd));
		CHECK((cut >= 6) == (ic->id == 0x1234));
		CHECK((cut >= 8) == (ic->seq == 7));
		free(copy);
	}
	for (uint32_t cut = 0; cut <= sizeof(unreach); cut++) {
		uint8_t *copy = cut_copy(unreach, cut);
		np_packet pkt;
		decode(&pkt, copy, cut, sizeof(unreach));
		CHECK(pkt.nlayers == 1);
		CHECK(pkt.layer[0].status == (cut < 8 ? NP_TRUNCATED : NP_OK));
		free(copy);
	}
}

int main(void)
{
	test_echo_fields();
	test_error_fields();
	test_via_ip4();
	test_short_message();
	test_truncation();
	return check_summary("unit icmp");
}
