/*
 * test_ip4.c - the IPv4 decoder (src/decode/ip4.c): the fields a flow
 * meter reads, fragments, the source-routed destination, malformed
 * headers, and that a capture cut at every length is reported as
 * truncated without a read past the cut (the ASan run checks that: each
 * cut copy is its own exact-size allocation).
 */
#include <stdlib.h>
#include <string.h>

#include "../../src/decode/packet.h"
#include "check.h"

/* A 20-byte header + 8 payload bytes: 10.0.0.1 > 10.0.0.2, proto 253
 * (experimental: no decoder of its own, so only the IP layer is tested). */
static const uint8_t plain[] = {
	0x45, 0x10, 0x00, 0x1c, 0x12, 0x34, 0x40, 0x00, 0x40, 0xfd, 0xab, 0xcd, 10, 0,
	0,    1,    10,   0,    0,    2,    1,    2,    3,    4,    5,    6,    7,  8,
};

/* 24 bytes of options: NOP, LSRR via 1.2.3.4 to 5.6.7.8, NOP, EOL pad. */
static const uint8_t lsrr[] = {
	0x4b, 0x00, 0x00, 0x34, 0x00, 0x01, 0x00, 0x00, 0x40, 0xfd, 0x00, 0x00, 10,   0,    0,    1,    10,   0,
	0,    2,    0x01, 0x83, 0x0b, 0x04, 1,    2,    3,    4,    5,    6,    7,    8,    0x01, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x11, 0x22,
};

static void decode(np_packet *pkt, const uint8_t *p, uint32_t caplen, uint32_t wirelen)
{
	memset(pkt, 0, sizeof(*pkt));
	pkt->ip = pkt->l4 = -1;
	np_decode_ip4(pkt, p, p + caplen, wirelen);
}

static void test_fields(void)
{
	np_packet pkt;
	decode(&pkt, plain, sizeof(plain), sizeof(plain));
	const np_layer *l = &pkt.layer[0];
	const struct np_ip4_info *ip = &l->u.ip4;
	CHECK(pkt.nlayers == 1);
	CHECK(l->kind == NP_LAYER_IP4 && l->status == NP_OK);
	CHECK(pkt.ip == 0);
	CHECK(ip->ver == 4 && ip->ihl == 5 && ip->tos == 0x10 && ip->ttl == 64);
	CHECK(ip->proto == 253 && l->next == 253);
	CHECK(ip->total_len == 28 && l->len == 28 && l->hdrlen == 20);
	CHECK(ip->id == 0x1234 && ip->frag == 0x4000 && ip->cksum == 0xabcd);
	CHECK(ip->src == plain + 12 && ip->dst == plain + 16 && ip->final_dst == ip->dst);
	CHECK(l->end == plain + sizeof(plain));
}

/* Bytes after the total length (Ethernet padding) are outside the layer. */
static void test_padding_excluded(void)
{
	uint8_t buf[sizeof(plain) + 6];
	memcpy(buf, plain, sizeof(plain));
	memset(buf + sizeof(plain), 0, 6);
	np_packet pkt;
	decode(&pkt, buf, sizeof(buf), sizeof(buf));
	CHECK(pkt.layer[0].status == NP_OK);
	CHECK(pkt.layer[0].end == buf + 28);
}

static void test_fragments(void)
{
	uint8_t buf[sizeof(plain)];
	memcpy(buf, plain, sizeof(plain));
	buf[9] = 17;   /* UDP, so a first fragment would get a UDP layer */
	buf[6] = 0x20; /* MF, offset 0x0005 (40 bytes) */
	buf[7] = 0x05;
	np_packet pkt;
	decode(&pkt, buf, sizeof(buf), sizeof(buf));
	const struct np_ip4_info *ip = &pkt.layer[0].u.ip4;
	CHECK(pkt.layer[0].status == NP_OK);
	CHECK((ip->frag & 0x2000) && (ip->frag & 0x1fff) * 8 == 40);
	CHECK(ip->proto == 17 && ip->id == 0x1234);
	CHECK(pkt.nlayers == 1 && pkt.l4 == -1); /* no transport header in a later fragment */
}

static void test_final_dst(void)
{
	np_packet pkt;
	decode(&pkt, lsrr, sizeof(lsrr), sizeof(lsrr));
	const struct np_ip4_info *ip = &pkt.layer[0].u.ip4;
	CHECK(pkt.layer[0].status == NP_OK && pkt.layer[0].hdrlen == 44);
	CHECK(ip->final_dst == lsrr + 28); /* 5.6.7.8 */
	/* An LSRR that claims more than the options hold is ignored. */
	uint8_t bad[sizeof(lsrr)];
	memcpy(bad, lsrr, sizeof(lsrr));
	bad[22] = 30;
	decode(&pkt, bad, sizeof(bad), sizeof(bad));
	CHECK(pkt.layer[0].u.ip4.final_dst == bad + 16);
}

static void test_malformed(void)
{
	uint8_t buf[sizeof(plain)];
	np_packet pkt;

	memcpy(buf, plain, sizeof(plain));
	buf[0] = 0x65; /* version 6 */
	decode(&pkt, buf, sizeof(buf), sizeof(buf));
	CHECK(pkt.layer[0].status == NP_INVALID && pkt.layer[0].u.ip4.ver == 6);

	memcpy(buf, plain, sizeof(plain));
	buf[0] = 0x44; /* header length 16 */
	decode(&pkt, buf, sizeof(buf), sizeof(buf));
	CHECK(pkt.layer[0].status == NP_INVALID && pkt.ip == -1);

	memcpy(buf, plain, sizeof(plain));
	buf[3] = 10; /* total length below the header length */
	decode(&pkt, buf, sizeof(buf), sizeof(buf));
	CHECK(pkt.layer[0].status == NP_INVALID);

	memcpy(buf, plain, sizeof(plain));
	buf[3] = 0; /* segmentation offload: the link's length stands in */
	decode(&pkt, buf, sizeof(buf), sizeof(buf));
	CHECK(pkt.layer[0].status == NP_OK && pkt.layer[0].len == sizeof(buf));

	/* The wire claims more than was captured: the layer keeps the claim. */
	memcpy(buf, plain, sizeof(plain));
	buf[3] = 200;
	decode(&pkt, buf, sizeof(buf), 214);
	CHECK(pkt.layer[0].status == NP_OK && pkt.layer[0].len == 200);
	CHECK(pkt.layer[0].end == buf + sizeof(buf));
}

/* Every cut of the capture: truncated until the header is whole. */
static void check_cuts(const uint8_t *pkt_bytes, uint32_t size, uint32_t hlen)
{
	for (uint32_t cut = 0; cut <= size; cut++) {
		uint8_t *copy = cut_copy(pkt_bytes, cut);
		np_packet pkt;
		decode(&pkt, copy, cut, size);
		uint8_t want = cut < hlen ? NP_TRUNCATED : NP_OK;
		CHECK(pkt.nlayers == 1 && pkt.layer[0].status == want);
		if (cut >= 20)
			CHECK(pkt.layer[0].u.ip4.total_len == size);
		free(copy);
	}
}

static void test_truncation(void)
{
	check_cuts(plain, sizeof(plain), 20);
	check_cuts(lsrr, sizeof(lsrr), 44);
}

/* IPv4 in IPv4: the inner header is a second layer; the outer one is pkt->ip. */
static void test_tunnel(void)
{
	uint8_t buf[20 + sizeof(plain)];
	memcpy(buf, plain, 20);
	memcpy(buf + 20, plain, sizeof(plain));
	buf[3] = sizeof(buf);
	buf[9] = 4;
	np_packet pkt;
	decode(&pkt, buf, sizeof(buf), sizeof(buf));
	CHECK(pkt.nlayers == 2 && pkt.ip == 0);
	CHECK(pkt.layer[1].kind == NP_LAYER_IP4 && pkt.layer[1].status == NP_OK);
	CHECK(pkt.layer[1].p == buf + 20 && pkt.layer[1].len == sizeof(plain));
}

int main(void)
{
	test_fields();
	test_padding_excluded();
	test_fragments();
	test_final_dst();
	test_malformed();
	test_truncation();
	test_tunnel();
	return check_summary("test_ip4");
}
