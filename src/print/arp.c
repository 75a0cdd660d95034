/*
 * arp.c - ARP / RARP text. (Skeleton: to be completed.)
 */
#include "print.h"

void print_arp(np_printer *pr, const uint8_t *p, uint32_t length, uint32_t caplen)
{
	(void)p;
	(void)caplen;
	out_fmt(pr->out, "ARP, length %u", length);
}
