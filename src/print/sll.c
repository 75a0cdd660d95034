/*
 * sll.c - Linux cooked capture (SLL, SLL2) link headers as tcpdump prints
 * them. (Skeleton: to be completed.)
 */
#include "print.h"

uint32_t print_sll(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	const np_layer *l = print_layer_at(pr, NP_LAYER_SLL, p, length);
	if (l->status != NP_OK) {
		pr->protocol = "sll";
		print_trunc(pr);
		return caplen;
	}
	if (!print_ethertype(pr, l->u.sll.protocol, p + 16, length - 16, caplen - 16, NULL, NULL))
		print_default(pr, p + 16, caplen - 16);
	return 16;
}

uint32_t print_sll2(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	const np_layer *l = print_layer_at(pr, NP_LAYER_SLL2, p, length);
	if (l->status != NP_OK) {
		pr->protocol = "sll2";
		print_trunc(pr);
		return caplen;
	}
	if (!print_ethertype(pr, l->u.sll.protocol, p + 20, length - 20, caplen - 20, NULL, NULL))
		print_default(pr, p + 20, caplen - 20);
	return 20;
}
