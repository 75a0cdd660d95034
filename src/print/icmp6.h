/*
 * icmp6.h - what the ICMPv6 printer's files share among themselves
 * (icmp6.c: the message line; icmp6_nd.c: neighbour-discovery options;
 * icmp6_ni.c: node information, router renumbering and RPL messages).
 *
 * Not for: other printers; print_icmp6() itself is declared in print.h.
 */
#ifndef NP_PRINT_ICMP6_H
#define NP_PRINT_ICMP6_H

#include "print.h"

/* Neighbour-discovery options from p, `resid` bytes by the message length
 * (negative when the message is shorter than its fixed part). False when
 * they ran off the capture in a way tcpdump reports with a " [|icmp6]"
 * after which the line goes on; a hard stop sets pr->stopped instead. */
bool icmp6_nd_options(np_printer *pr, const uint8_t *p, int32_t resid);

/* get_rtpref / get_lifetime: router preference bits and lifetimes. */
const char *icmp6_rtpref(uint8_t flags);
void icmp6_print_lifetime(np_printer *pr, uint32_t v);

/* Messages with their own sub-printers (icmp6_ni.c); p is the ICMPv6 header. */
void icmp6_nodeinfo(np_printer *pr, uint32_t length, const uint8_t *p);
void icmp6_rrenum(np_printer *pr, const uint8_t *p);
void icmp6_rpl(np_printer *pr, uint8_t code, const uint8_t *p, uint32_t length);

#endif
