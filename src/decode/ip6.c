/*
 * ip6.c - decoder for ip6. (Skeleton: records the layer only; to be completed.)
 */
#include "packet.h"
#include "../util/bytes.h"

void np_decode_ip6(np_packet *pkt, const uint8_t *p, const uint8_t *end, uint32_t len)
{
	np_layer *l = np_push_layer(pkt, NP_LAYER_IP6, p, end, len);
	(void)l;
}
