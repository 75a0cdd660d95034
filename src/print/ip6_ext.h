/*
 * ip6_ext.h - printers for the IPv6 extension headers (print/ip6_ext.c),
 * called from print_ip6's header walk (print/ip6.c).
 *
 * Each returns the header's length in bytes, or -1 when the walk must stop:
 * the header was printed as truncated or invalid, or (fragment) the rest is
 * not decodable. When one ran off the capture the way tcpdump's GET macros
 * would longjmp, pr->stopped is set as well.
 */
#ifndef NP_PRINT_IP6_EXT_H
#define NP_PRINT_IP6_EXT_H

#include "print.h"

/* Hop-by-Hop Options; notes a valid Jumbo Payload in *found_jumbo and
 * *payload_len (which holds the fixed header's Payload Length on entry). */
int print_ip6_hbh(np_printer *pr, const uint8_t *p, bool *found_jumbo, uint32_t *payload_len);
int print_ip6_dstopts(np_printer *pr, const uint8_t *p);
/* iph: the IPv6 header, whose Payload Length sizes the fragment. */
int print_ip6_frag(np_printer *pr, const uint8_t *p, const uint8_t *iph);
int print_ip6_routing(np_printer *pr, const uint8_t *p);
int print_ip6_mobility(np_printer *pr, const uint8_t *p);

#endif
