/*
 * gre.c - GRE text. (Skeleton: to be completed.)
 */
#include "print.h"

void print_gre(np_printer *pr, const uint8_t *p, uint32_t length)
{
	(void)p;
	out_fmt(pr->out, "GREv? length %u", length);
}
