/*
 * arp.c - decoder for arp. (Skeleton: records the layer only; to be completed.)
 */
#include "packet.h"
#include "../util/bytes.h"

void np_decode_arp(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len)
{
	np_layer *l = np_push_layer(pkt, NP_LAYER_ARP, p, end, len);
	(void)l;
}
