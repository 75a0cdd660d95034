/*
 * test_ip6.c - the IPv6 decoder (decode/ip6.c): fixed fields, the walk over
 * extension headers (upper-layer protocol, fragment fields, routing final
 * destination, jumbo payload), the statuses of inconsistent headers, and
 * that a capture cut at every length gives NP_TRUNCATED without a read past
 * the cut (each cut is copied to a buffer of exactly that size, so ASan
 * sees any over-read).
 */
#include "../../src/decode/packet.h"
#include "check.h"

#include <stdlib.h>
#include <string.h>

static const uint8_t SRC[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
static const uint8_t DST[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
static const uint8_t HOP1[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x11};
static const uint8_t HOP2[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x22};

/* A packet under construction. */
typedef struct {
	uint8_t b[512];
	size_t n;
} buf;

static void put(buf *w, const void *p, size_t n)
{
	memcpy(w->b + w->n, p, n);
	w->n += n;
}

static void put8(buf *w, uint8_t v)
{
	put(w, &v, 1);
}

static void put16(buf *w, uint16_t v)
{
	put8(w, (uint8_t)(v >> 8));
	put8(w, (uint8_t)v);
}

static void put32(buf *w, uint32_t v)
{
	put16(w, (uint16_t)(v >> 16));
	put16(w, (uint16_t)v);
}

/* Fixed header: traffic class 0xb8, flow 0x12345, hop limit 64. The
 * Payload Length is patched by finish(). */
static void ip6_header(buf *w, uint8_t next)
{
	put32(w, (6u << 28) | (0xb8u << 20) | 0x12345u);
	put16(w, 0);
	put8(w, next);
	put8(w, 64);
	put(w, SRC, 16);
	put(w, DST, 16);
}

static void finish(buf *w)
{
	uint16_t plen = (uint16_t)(w->n - 40);
	w->b[4] = (uint8_t)(plen >> 8);
	w->b[5] = (uint8_t)plen;
}

static void udp_header(buf *w, uint16_t payload)
{
	put16(w, 5353);
	put16(w, 53);
	put16(w, (uint16_t)(8 + payload));
	put16(w, 0);
	for (uint16_t i = 0; i < payload; i++)
		put8(w, (uint8_t)i);
}

static void tcp_header(buf *w)
{
	put16(w, 40000);
	put16(w, 443);
	put32(w, 1);
	put32(w, 0);
	put8(w, 5 << 4);
	put8(w, 0x02);
	put16(w, 65535);
	put16(w, 0);
	put16(w, 0);
}

/* Decode the first `cut` bytes of w from a heap copy of exactly that size;
 * the wire length is the whole packet. */
static const np_layer *decode_cut(np_packet *pkt, const buf *w, size_t cut, uint8_t **copy)
{
	*copy = cut_copy(w->b, cut);
	np_decode(pkt, NP_DLT_IPV6, *copy, (uint32_t)cut, (uint32_t)w->n);
	return pkt->nlayers ? &pkt->layer[0] : NULL;
}

static void test_fixed_fields(void)
{
	buf w = {.n = 0};
	ip6_header(&w, 17);
	udp_header(&w, 4);
	finish(&w);
	np_packet pkt;
	uint8_t *c;
	const np_layer *l = decode_cut(&pkt, &w, w.n, &c);
	CHECK(l && l->kind == NP_LAYER_IP6 && l->status == NP_OK);
	const struct np_ip6_info *ip = &l->u.ip6;
	CHECK(ip->ver == 6);
	CHECK(ip->tclass == 0xb8);
	CHECK(ip->flow == 0x12345);
	CHECK(ip->payload_len == 12);
	CHECK(ip->next == 17 && ip->proto == 17 && l->next == 17);
	CHECK(ip->hlim == 64);
	CHECK(memcmp(ip->src, SRC, 16) == 0 && memcmp(ip->dst, DST, 16) == 0);
	CHECK(ip->final_dst == ip->dst);
	CHECK(l->hdrlen == 40 && l->len == 52);
	CHECK(ip->next_ext == 0 && !ip->fragment);
	CHECK(pkt.ip == 0 && pkt.l4 == 1);
	CHECK(pkt.nlayers >= 2 && pkt.layer[1].kind == NP_LAYER_UDP && pkt.layer[1].p == c + 40);
	free(c);
}

/* Padding past the Payload Length (Ethernet minimum frame) stays out of
 * the layer's scope. */
static void test_scope_ends_at_payload_length(void)
{
	buf w = {.n = 0};
	ip6_header(&w, 59);
	finish(&w);
	for (int i = 0; i < 6; i++)
		put8(&w, 0xee);
	np_packet pkt;
	uint8_t *c;
	const np_layer *l = decode_cut(&pkt, &w, w.n, &c);
	CHECK(l->status == NP_OK && l->len == 40 && l->end == c + 40);
	CHECK(l->u.ip6.proto == 59);
	free(c);
}

/* HBH (PadN), routing type 0 with two hops, fragment (offset 0, M set),
 * destination options, then TCP. */
static void build_chain(buf *w)
{
	ip6_header(w, 0);
	put8(w, 43); /* HBH: next routing, 8 bytes */
	put8(w, 0);
	put8(w, 1); /* PadN, 4 bytes of padding */
	put8(w, 4);
	put32(w, 0);
	put8(w, 44); /* routing: next fragment, 2 addresses */
	put8(w, 4);
	put8(w, 0);
	put8(w, 2);
	put32(w, 0);
	put(w, HOP1, 16);
	put(w, HOP2, 16);
	put8(w, 60); /* fragment: next dstopts */
	put8(w, 0);
	put16(w, 0x0001);
	put32(w, 0xcafef00d);
	put8(w, 6); /* dstopts: next TCP, 8 bytes */
	put8(w, 0);
	put8(w, 1);
	put8(w, 4);
	put32(w, 0);
	tcp_header(w);
	finish(w);
}

#define CHAIN_HDRLEN (40 + 8 + 40 + 8 + 8)

static void test_extension_chain(void)
{
	buf w = {.n = 0};
	build_chain(&w);
	np_packet pkt;
	uint8_t *c;
	const np_layer *l = decode_cut(&pkt, &w, w.n, &c);
	const struct np_ip6_info *ip = &l->u.ip6;
	CHECK(l->status == NP_OK);
	CHECK(ip->next == 0 && ip->proto == 6 && l->next == 6);
	CHECK(l->hdrlen == CHAIN_HDRLEN);
	CHECK(ip->next_ext == 4);
	CHECK(ip->ext[0].type == 0 && ip->ext[0].next == 43 && ip->ext[0].len == 8 && ip->ext[0].p == c + 40);
	CHECK(ip->ext[1].type == 43 && ip->ext[1].len == 40);
	CHECK(ip->ext[2].type == 44 && ip->ext[2].len == 8);
	CHECK(ip->ext[3].type == 60 && ip->ext[3].next == 6);
	CHECK(ip->fragment && ip->frag_off == 0 && ip->frag_more && ip->frag_id == 0xcafef00d);
	CHECK(memcmp(ip->final_dst, HOP2, 16) == 0);
	CHECK(pkt.l4 == 1 && pkt.layer[1].kind == NP_LAYER_TCP && pkt.layer[1].p == c + CHAIN_HDRLEN);
	free(c);
}

static void test_later_fragment(void)
{
	buf w = {.n = 0};
	ip6_header(&w, 44);
	put8(&w, 17);
	put8(&w, 0);
	put16(&w, 1480); /* offset 1480, M clear */
	put32(&w, 7);
	for (int i = 0; i < 16; i++)
		put8(&w, 0xaa);
	finish(&w);
	np_packet pkt;
	uint8_t *c;
	const np_layer *l = decode_cut(&pkt, &w, w.n, &c);
	const struct np_ip6_info *ip = &l->u.ip6;
	CHECK(l->status == NP_OK);
	CHECK(ip->fragment && ip->frag_off == 1480 && !ip->frag_more && ip->frag_id == 7);
	CHECK(ip->proto == 17 && l->hdrlen == 48);
	CHECK(pkt.nlayers == 1 && pkt.l4 == -1); /* no UDP header in a later fragment */
	free(c);
}

static void test_srh_final_dst(void)
{
	buf w = {.n = 0};
	ip6_header(&w, 43);
	put8(&w, 59);
	put8(&w, 4);
	put8(&w, 4); /* type 4: SRH */
	put8(&w, 1);
	put8(&w, 1); /* last entry */
	put8(&w, 0);
	put16(&w, 0);
	put(&w, HOP1, 16); /* segment 0: the final destination */
	put(&w, HOP2, 16);
	finish(&w);
	np_packet pkt;
	uint8_t *c;
	const np_layer *l = decode_cut(&pkt, &w, w.n, &c);
	CHECK(l->status == NP_OK && l->u.ip6.proto == 59);
	CHECK(memcmp(l->u.ip6.final_dst, HOP1, 16) == 0);
	free(c);
}

static void test_ah_is_walked(void)
{
	buf w = {.n = 0};
	ip6_header(&w, 51);
	put8(&w, 17); /* AH: next UDP, length (1 + 2) * 4 = 12 */
	put8(&w, 1);
	put16(&w, 0);
	put32(&w, 0x100);
	put32(&w, 1);
	udp_header(&w, 0);
	finish(&w);
	np_packet pkt;
	uint8_t *c;
	const np_layer *l = decode_cut(&pkt, &w, w.n, &c);
	CHECK(l->status == NP_OK && l->u.ip6.proto == 17 && l->hdrlen == 52);
	CHECK(pkt.l4 == 1 && pkt.layer[1].kind == NP_LAYER_UDP);
	free(c);
}

/* Payload Length 0 with a Jumbo Payload option: the option gives the length. */
static void test_jumbo(void)
{
	buf w = {.n = 0};
	ip6_header(&w, 0);
	put8(&w, 59);
	put8(&w, 0);
	put8(&w, 0xc2);
	put8(&w, 4);
	put32(&w, 70000);
	np_packet pkt;
	uint8_t *c;
	const np_layer *l = decode_cut(&pkt, &w, w.n, &c); /* Payload Length stays 0 */
	CHECK(l->u.ip6.payload_len == 0 && l->u.ip6.jumbo == 70000);
	CHECK(l->len == 70040);
	CHECK(l->status == NP_OK && l->u.ip6.proto == 59 && l->hdrlen == 48);
	CHECK(l->end == c + w.n); /* the capture ends first */
	free(c);

	/* Below 65536 it is not a valid jumbo: no payload, so the HBH header
	 * itself lies outside the datagram. */
	w.b[44] = 0;
	w.b[45] = 0;
	w.b[46] = 0x10;
	w.b[47] = 0;
	l = decode_cut(&pkt, &w, w.n, &c);
	CHECK(l->u.ip6.jumbo == 0 && l->len == 40 && l->status == NP_INVALID);
	free(c);
}

static void test_invalid(void)
{
	buf w = {.n = 0};
	ip6_header(&w, 17);
	udp_header(&w, 0);
	finish(&w);
	w.b[0] = 0x45; /* version 4 */
	np_packet pkt;
	uint8_t *c;
	const np_layer *l = decode_cut(&pkt, &w, w.n, &c);
	CHECK(l->status == NP_INVALID && l->u.ip6.ver == 4 && pkt.ip == -1 && pkt.nlayers == 1);
	free(c);

	/* A destination options header longer than the Payload Length. */
	buf d = {.n = 0};
	ip6_header(&d, 60);
	put8(&d, 59);
	put8(&d, 3); /* 32 bytes claimed */
	for (int i = 0; i < 30; i++)
		put8(&d, 0);
	finish(&d);
	d.b[5] = 16; /* but only 16 in the datagram */
	l = decode_cut(&pkt, &d, d.n, &c);
	CHECK(l->status == NP_INVALID && pkt.nlayers == 1);
	free(c);
}

/* Every cut: the fixed header or an extension header cut short is
 * NP_TRUNCATED; once the chain is complete the IPv6 layer is whole. */
static void test_every_truncation(void)
{
	buf w = {.n = 0};
	build_chain(&w);
	for (size_t cut = 0; cut <= w.n; cut++) {
		np_packet pkt;
		uint8_t *c;
		const np_layer *l = decode_cut(&pkt, &w, cut, &c);
		CHECK(l != NULL && l->kind == NP_LAYER_IP6);
		if (!l) {
			free(c);
			continue;
		}
		if (cut < CHAIN_HDRLEN)
			CHECK(l->status == NP_TRUNCATED);
		else
			CHECK(l->status == NP_OK && l->u.ip6.proto == 6);
		if (cut >= 40)
			CHECK(l->u.ip6.ver == 6 && l->u.ip6.next == 0);
		if (cut >= 40 + 8 + 40 + 8)
			CHECK(l->u.ip6.fragment && l->u.ip6.frag_id == 0xcafef00d);
		free(c);
	}
}

int main(void)
{
	test_fixed_fields();
	test_scope_ends_at_payload_length();
	test_extension_chain();
	test_later_fragment();
	test_srh_final_dst();
	test_ah_is_walked();
	test_jumbo();
	test_invalid();
	test_every_truncation();
	return check_summary("ip6");
}
