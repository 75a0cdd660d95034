/*
 * classic.h - what the files of the classic printer share:
 * `netprofile decode --style=classic`, the text of tcpdump 3.x as WinDump
 * printed it in 2001 (see classic.c for the format and where it follows the
 * seed article rather than stock 3.x). One file per protocol, as print/:
 * classic.c (frame, link layers, ARP), classic_ip.c, classic_icmp.c (with
 * ICMPv6 and IGMP), classic_tcp.c, classic_udp.c, classic_dns.c,
 * classic_bootp.c.
 *
 * Like the tcpdump-style printers they read the decoded layers
 * (decode/packet.h, dns.h, bootp.h) and read any other packet byte through
 * util/bytes.h. Each printer gets the bytes of its header and the length the
 * layer below claims, and stays within pr->snapend. A 3.x printer that runs
 * out of captured bytes prints its "[|proto]" and returns; the printers
 * around it carry on (3.x had no longjmp), so pr->stopped is never set.
 *
 * Not for: the tcpdump 4.99 text (the other files of print/).
 */
#ifndef NP_PRINT_CLASSIC_H
#define NP_PRINT_CLASSIC_H

#include "print.h"

/* The network header a transport printer hangs off: its addresses. */
typedef struct classic_ip {
	int ver;                  /* 4 or 6 */
	const uint8_t *src, *dst; /* 4 or 16 bytes, captured */
} classic_ip;

/* An address as 3.x printed it with -n (dotted quad, or IPv6 text). */
void classic_addr(np_printer *pr, const classic_ip *ip, const uint8_t *a);
/* "src.sport > dst.dport: " */
void classic_ports(np_printer *pr, const classic_ip *ip, uint16_t sport, uint16_t dport);
/* "src > dst:", with a space after the colon when `space`. */
void classic_hosts(np_printer *pr, const classic_ip *ip, bool space);
/* A MAC address the 3.x way: lower-case hex without leading zeros, "0:a0:c9:1:2:3". */
void classic_mac(np_printer *pr, const uint8_t *a);
/* 3.x's default_print: the captured part of [p, p+len) as 16-bit hex words,
 * eight to a line, each line starting "\n\t\t\t". */
void classic_hex(np_printer *pr, const uint8_t *p, uint32_t len);
/* Packet bytes as 3.x's fn_printn: at most n bytes, stopping at the end of
 * the capture (false then) or, with nul_ends, at a NUL. */
bool classic_text(np_printer *pr, const uint8_t *p, uint32_t n, bool nul_ends);

/* The protocol printers: the bytes of their header and the length the
 * layer below claims for it. */
void classic_ip4(np_printer *pr, const uint8_t *p, uint32_t length); /* classic_ip.c */
void classic_ip6(np_printer *pr, const uint8_t *p, uint32_t length);
void classic_icmp(np_printer *pr, const classic_ip *ip, const uint8_t *p, uint32_t length); /* classic_icmp.c */
void classic_icmp6(np_printer *pr, const classic_ip *ip, const uint8_t *p, uint32_t length);
void classic_igmp(np_printer *pr, const classic_ip *ip, const uint8_t *p, uint32_t length);
void classic_tcp(np_printer *pr, const classic_ip *ip, const uint8_t *p, uint32_t length); /* classic_tcp.c */
void classic_udp(np_printer *pr, const classic_ip *ip, const uint8_t *p, uint32_t length); /* classic_udp.c */
void classic_dns(np_printer *pr, const uint8_t *p, uint32_t length);                       /* classic_dns.c */
void classic_bootp(np_printer *pr, const uint8_t *p, uint32_t length, uint16_t sport,
		   uint16_t dport); /* classic_bootp.c */

#endif
