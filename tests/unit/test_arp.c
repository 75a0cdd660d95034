/*
 * test_arp.c - the ARP decoder (src/decode/arp.c): the fields and address
 * pointers of Ethernet/IPv4 ARP, odd address lengths, ATM ARP's own
 * layout, and that a capture cut at every length is NP_TRUNCATED with no
 * read past the cut (the ASan run checks that: each cut copy is its own
 * exact-size allocation).
 */
#include <stdlib.h>
#include <string.h>

#include "../../src/decode/packet.h"
#include "check.h"

/* Request who-has 192.168.0.2 tell 192.168.0.1, from 00:01:02:03:04:05. */
static const uint8_t request[] = {
	0x00, 0x01, 0x08, 0x00, 6,    4,    0x00, 0x01, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05,
	192,  168,  0,    1,    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 192,  168,  0,    2,
};

/* ATM ARP (RFC 2225) request: sender number 4 bytes + subaddress 2 bytes,
 * IPv4 sender; target number 3 bytes (E.164 bit set), no subaddress. */
static const uint8_t atm_request[] = {
	0x00, 0x13, 0x08, 0x00, 4, 2, 0x00, 0x01, 4,    0x40 | 3, 0,  4, 0xa1, 0xa2, 0xa3,
	0xa4, 0xb1, 0xb2, 10,   0, 0, 1,    0xc1, 0xc2, 0xc3,     10, 0, 0,    2,
};

static void decode(np_packet *pkt, const uint8_t *p, uint32_t caplen, uint32_t wirelen)
{
	memset(pkt, 0, sizeof(*pkt));
	pkt->ip = pkt->l4 = -1;
	np_decode_arp(pkt, p, p + caplen, wirelen);
}

static void test_request_fields(void)
{
	np_packet pkt;
	decode(&pkt, request, sizeof(request), 46);
	const np_layer *l = &pkt.layer[0];
	const struct np_arp_info *a = &l->u.arp;
	CHECK(pkt.nlayers == 1);
	CHECK(l->kind == NP_LAYER_ARP && l->status == NP_OK);
	CHECK(a->hrd == 1 && a->pro == 0x0800 && a->hln == 6 && a->pln == 4 && a->op == 1);
	CHECK(a->sha == request + 8 && a->spa == request + 14);
	CHECK(a->tha == request + 18 && a->tpa == request + 24);
	CHECK(l->hdrlen == 28 && l->len == 46);
}

/* Through Ethernet: the ethertype hands the payload to the ARP decoder. */
static void test_via_ethernet(void)
{
	uint8_t frame[14 + sizeof(request)];
	memset(frame, 0xff, 6);
	memcpy(frame + 6, request + 8, 6);
	frame[12] = 0x08;
	frame[13] = 0x06;
	memcpy(frame + 14, request, sizeof(request));
	np_packet pkt;
	np_decode(&pkt, NP_DLT_EN10MB, frame, sizeof(frame), sizeof(frame));
	const np_layer *l = np_find_layer(&pkt, NP_LAYER_ARP);
	CHECK(l != NULL);
	if (!l)
		return;
	CHECK(l->status == NP_OK && l->p == frame + 14);
	CHECK(l->u.arp.spa == frame + 14 + 14 && l->u.arp.tpa == frame + 14 + 24);
	CHECK(pkt.ip == -1 && pkt.l4 == -1); /* ARP is not an IP layer */
}

/* Every cut short of the last target address byte is truncated; the
 * addresses that are wholly captured are still there. */
static void test_request_truncation(void)
{
	for (uint32_t cut = 0; cut <= sizeof(request); cut++) {
		uint8_t *copy = cut_copy(request, cut);
		np_packet pkt;
		decode(&pkt, copy, cut, 46);
		const np_layer *l = &pkt.layer[0];
		const struct np_arp_info *a = &l->u.arp;
		CHECK(pkt.nlayers == 1);
		CHECK(l->status == (cut < sizeof(request) ? NP_TRUNCATED : NP_OK));
		CHECK((cut >= 8) == (a->op == 1));
		CHECK((a->sha != NULL) == (cut >= 14));
		CHECK((a->spa != NULL) == (cut >= 18));
		CHECK((a->tha != NULL) == (cut >= 24));
		CHECK((a->tpa != NULL) == (cut >= 28));
		free(copy);
	}
}

/* Lengths other than 6 and 4 move the addresses; zero lengths are legal. */
static void test_odd_lengths(void)
{
	static const uint8_t no_addrs[] = {0x00, 0x01, 0x08, 0x00, 0, 0, 0x00, 0x02};
	np_packet pkt;
	decode(&pkt, no_addrs, sizeof(no_addrs), sizeof(no_addrs));
	const struct np_arp_info *a = &pkt.layer[0].u.arp;
	CHECK(pkt.layer[0].status == NP_OK && pkt.layer[0].hdrlen == 8);
	CHECK(a->sha == no_addrs + 8 && a->tpa == no_addrs + 8);

	/* IPv6 over Ethernet: 8 + 2 * 6 + 2 * 16 bytes, cut one short. */
	uint8_t v6[8 + 12 + 32];
	memset(v6, 0x11, sizeof(v6));
	memcpy(v6, (const uint8_t[]){0x00, 0x01, 0x86, 0xdd, 6, 16, 0x00, 0x01}, 8);
	decode(&pkt, v6, sizeof(v6), sizeof(v6));
	a = &pkt.layer[0].u.arp;
	CHECK(pkt.layer[0].status == NP_OK && pkt.layer[0].hdrlen == sizeof(v6));
	CHECK(a->spa == v6 + 14 && a->tha == v6 + 30 && a->tpa == v6 + 36);
	decode(&pkt, v6, sizeof(v6) - 1, sizeof(v6));
	CHECK(pkt.layer[0].status == NP_TRUNCATED && pkt.layer[0].u.arp.tpa == NULL);

	/* 255-byte lengths far past the capture: truncated, nothing points out. */
	static const uint8_t huge[] = {0x00, 0x01, 0x08, 0x00, 255, 255, 0x00, 0x01, 1, 2};
	decode(&pkt, huge, sizeof(huge), 1000);
	a = &pkt.layer[0].u.arp;
	CHECK(pkt.layer[0].status == NP_TRUNCATED && pkt.layer[0].hdrlen == 8 + 4 * 255);
	CHECK(!a->sha && !a->spa && !a->tha && !a->tpa);
}

static void test_atmarp(void)
{
	np_packet pkt;
	decode(&pkt, atm_request, sizeof(atm_request), sizeof(atm_request));
	const np_layer *l = &pkt.layer[0];
	const struct np_arp_info *a = &l->u.arp;
	CHECK(l->status == NP_OK && l->hdrlen == sizeof(atm_request));
	CHECK(a->hrd == 19 && a->pro == 0x0800 && a->op == 1);
	CHECK(a->hln == 4 && a->pln == 4); /* the sender's lengths */
	CHECK(a->sha == atm_request + 12 && a->spa == atm_request + 18);
	CHECK(a->tha == atm_request + 22 && a->tpa == atm_request + 25);

	for (uint32_t cut = 0; cut <= sizeof(atm_request); cut++) {
		uint8_t *copy = cut_copy(atm_request, cut);
		decode(&pkt, copy, cut, sizeof(atm_request));
		l = &pkt.layer[0];
		a = &l->u.arp;
		CHECK(l->status == (cut < sizeof(atm_request) ? NP_TRUNCATED : NP_OK));
		CHECK((a->sha != NULL) == (cut >= 16));
		CHECK((a->spa != NULL) == (cut >= 22));
		CHECK((a->tha != NULL) == (cut >= 25));
		CHECK((a->tpa != NULL) == (cut >= 29));
		free(copy);
	}
}

int main(void)
{
	test_request_fields();
	test_via_ethernet();
	test_request_truncation();
	test_odd_lengths();
	test_atmarp();
	return check_summary("unit arp");
}
