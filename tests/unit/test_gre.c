/*
 * test_gre.c - the GRE decoder (src/decode/gre.c): the optional fields of
 * plain GRE and of PPTP's enhanced GRE, routing entries, the inner packet
 * of a version 0 tunnel (which must not become the packet's transport
 * layer), and that a capture or a claimed length cut at every byte is
 * reported as truncated without a read past the cut (the ASan run checks
 * that: each cut copy is its own exact-size allocation).
 */
#include <stdlib.h>
#include <string.h>

#include "../../src/decode/packet.h"
#include "check.h"

/* Version 0 with checksum, key and sequence number, carrying IPv4 (proto
 * 253, so the inner packet ends at its IP layer). */
static const uint8_t v0_cks[] = {
	0xb0, 0x00, 0x08, 0x00,                         /* C K S, version 0, IPv4 */
	0xab, 0xcd, 0x00, 0x00,                         /* checksum, offset */
	0x12, 0x34, 0x56, 0x78,                         /* key */
	0x00, 0x00, 0x00, 0x07,                         /* sequence */
	0x45, 0x00, 0x00, 0x18, 0x00, 0x01, 0x00, 0x00, /* inner IPv4, 24 bytes */
	0x40, 0xfd, 0x00, 0x00, 192,  168,  1,    1,    192, 168, 1, 2, 1, 2, 3, 4,
};
#define V0_CKS_HDR 16

/* Version 0 with routing: an IP entry of two hops, then the null entry. */
static const uint8_t v0_route[] = {
	0x40, 0x00, 0x12, 0x34,                         /* R, version 0, proto 0x1234 */
	0x00, 0x00, 0x00, 0x00,                         /* checksum, offset */
	0x08, 0x00, 0x04, 0x08, 1, 2, 3, 4, 5, 6, 7, 8, /* IP SRE */
	0x00, 0x00, 0x00, 0x00,                         /* end of routing */
	0xee, 0xff,
};
#define V0_ROUTE_HDR 24

/* Version 1 (PPTP): key (payload length, call id), sequence, ack; PPP. */
static const uint8_t v1_full[] = {
	0x30, 0x81, 0x88, 0x0b, /* K S A, version 1, PPP */
	0x00, 0x04, 0x00, 0x2a, /* payload length 4, call 42 */
	0x00, 0x00, 0x00, 0x03, /* sequence */
	0x00, 0x00, 0x00, 0x02, /* ack */
	0xff, 0x03, 0xc0, 0x21,
};
#define V1_FULL_HDR 16

/* Version 1 acknowledgment only: no sequence number, no payload. */
static const uint8_t v1_ack[] = {
	0x20, 0x81, 0x88, 0x0b, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x01, 0x00,
};

static void decode(np_packet *pkt, const uint8_t *p, uint32_t caplen, uint32_t len)
{
	memset(pkt, 0, sizeof(*pkt));
	pkt->ip = pkt->l4 = -1;
	np_decode_gre(pkt, p, p + caplen, len);
}

static void test_v0_fields(void)
{
	np_packet pkt;
	decode(&pkt, v0_cks, sizeof(v0_cks), sizeof(v0_cks));
	const np_layer *l = &pkt.layer[0];
	const struct np_gre_info *g = &l->u.gre;
	CHECK(l->kind == NP_LAYER_GRE && l->status == NP_OK);
	CHECK(g->version == 0 && g->flags_ver == 0xb000 && g->proto == 0x0800 && l->next == 0x0800);
	CHECK(g->has_cksum && g->has_key && g->has_seq && !g->has_ack);
	CHECK(g->key == 0x12345678 && g->seq == 7);
	CHECK(l->hdrlen == V0_CKS_HDR);
	/* the inner IPv4 packet is decoded as the next layer */
	CHECK(pkt.nlayers == 2 && pkt.layer[1].kind == NP_LAYER_IP4);
	CHECK(pkt.layer[1].p == v0_cks + V0_CKS_HDR && pkt.layer[1].status == NP_OK);
	CHECK(pkt.layer[1].len == sizeof(v0_cks) - V0_CKS_HDR);
}

static void test_v0_routing(void)
{
	np_packet pkt;
	decode(&pkt, v0_route, sizeof(v0_route), sizeof(v0_route));
	const np_layer *l = &pkt.layer[0];
	CHECK(l->status == NP_OK && l->hdrlen == V0_ROUTE_HDR);
	CHECK(!l->u.gre.has_cksum && !l->u.gre.has_key && l->u.gre.proto == 0x1234);
	CHECK(pkt.nlayers == 1); /* not an inner protocol we follow */
}

static void test_v1_fields(void)
{
	np_packet pkt;
	decode(&pkt, v1_full, sizeof(v1_full), sizeof(v1_full));
	const np_layer *l = &pkt.layer[0];
	const struct np_gre_info *g = &l->u.gre;
	CHECK(l->status == NP_OK && g->version == 1 && g->proto == 0x880b);
	CHECK(g->has_key && g->has_seq && g->has_ack && !g->has_cksum);
	CHECK(g->call_id == 42 && g->payload_len == 4 && g->key == 0x0004002a);
	CHECK(g->seq == 3 && g->ack == 2);
	CHECK(l->hdrlen == V1_FULL_HDR && pkt.nlayers == 1);

	decode(&pkt, v1_ack, sizeof(v1_ack), sizeof(v1_ack));
	g = &pkt.layer[0].u.gre;
	CHECK(pkt.layer[0].status == NP_OK && pkt.layer[0].hdrlen == sizeof(v1_ack));
	CHECK(g->has_key && g->call_id == 5 && !g->has_seq && g->has_ack && g->ack == 256);
}

static void test_bad_version(void)
{
	uint8_t buf[sizeof(v1_ack)];
	memcpy(buf, v1_ack, sizeof(buf));
	buf[1] = 0x82; /* version 2 */
	np_packet pkt;
	decode(&pkt, buf, sizeof(buf), sizeof(buf));
	CHECK(pkt.layer[0].status == NP_INVALID && pkt.layer[0].u.gre.version == 2);
	/* the version is known from the first two bytes alone */
	decode(&pkt, buf, 2, sizeof(buf));
	CHECK(pkt.layer[0].status == NP_INVALID);
}

/* Outer IPv4 > GRE > inner IPv4: the flow meter's transport is GRE. */
static void test_outer_keys(void)
{
	uint8_t buf[20 + sizeof(v0_cks)];
	static const uint8_t outer[20] = {
		0x45, 0x00, 0x00, 20 + sizeof(v0_cks), 0x00, 0x01, 0x00, 0x00, 0x40, 47, 0x00, 0x00, 10, 0, 0, 1, 10,
		0,    0,    2,
	};
	memcpy(buf, outer, 20);
	memcpy(buf + 20, v0_cks, sizeof(v0_cks));
	np_packet pkt;
	memset(&pkt, 0, sizeof(pkt));
	pkt.ip = pkt.l4 = -1;
	np_decode_ip4(&pkt, buf, buf + sizeof(buf), sizeof(buf));
	CHECK(pkt.nlayers == 3);
	CHECK(pkt.ip == 0 && pkt.l4 == 1 && pkt.layer[1].kind == NP_LAYER_GRE);
	CHECK(pkt.layer[2].kind == NP_LAYER_IP4 && pkt.layer[2].p == buf + 20 + V0_CKS_HDR);
}

/* Every cut, of the capture and of the claimed length: truncated until the
 * header is whole, and never a read past the cut. */
static void check_cuts(const uint8_t *bytes, uint32_t size, uint32_t hdrlen)
{
	for (uint32_t cut = 0; cut <= size; cut++) {
		uint8_t *copy = cut_copy(bytes, cut);
		np_packet pkt;
		decode(&pkt, copy, cut, size);
		uint8_t want = cut < hdrlen ? NP_TRUNCATED : NP_OK;
		CHECK(pkt.nlayers >= 1 && pkt.layer[0].status == want);
		if (cut >= 2)
			CHECK(pkt.layer[0].u.gre.flags_ver == (uint16_t)(bytes[0] << 8 | bytes[1]));
		if (want == NP_OK)
			CHECK(pkt.layer[0].hdrlen == hdrlen);
		free(copy);

		/* all captured, but the layer below claims only `cut` bytes */
		decode(&pkt, bytes, size, cut);
		CHECK(pkt.layer[0].status == want);
	}
}

static void test_truncation(void)
{
	check_cuts(v0_cks, sizeof(v0_cks), V0_CKS_HDR);
	check_cuts(v0_route, sizeof(v0_route), V0_ROUTE_HDR);
	check_cuts(v1_full, sizeof(v1_full), V1_FULL_HDR);
	check_cuts(v1_ack, sizeof(v1_ack), sizeof(v1_ack));
}

int main(void)
{
	test_v0_fields();
	test_v0_routing();
	test_v1_fields();
	test_bad_version();
	test_outer_keys();
	test_truncation();
	return check_summary("test_gre");
}
