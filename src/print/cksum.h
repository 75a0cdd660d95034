/*
 * cksum.h - the Internet checksum (RFC 1071) over one buffer or a
 * pseudo-header plus buffer, and tcpdump's "what it should have been".
 * Callers make sure the bytes are captured before calling.
 */
#ifndef NP_CKSUM_H
#define NP_CKSUM_H

#include <stddef.h>
#include <stdint.h>

/* Sum of 16-bit words, folded, complemented; `initial` is a partial sum. */
uint16_t np_in_cksum(const uint8_t *p, size_t len, uint32_t initial);
/* Partial (unfolded) sum, to chain pieces. */
uint32_t np_cksum_add(const uint8_t *p, size_t len, uint32_t sum);
/* The checksum field value that would have made the sum come out right. */
uint16_t np_in_cksum_shouldbe(uint16_t sum, uint16_t computed_sum);
/* Pseudo-header sums for TCP/UDP/ICMPv6 over IPv4 and IPv6. */
uint32_t np_pseudo_sum4(const uint8_t src[4], const uint8_t dst[4], uint8_t proto, uint32_t len);
uint32_t np_pseudo_sum6(const uint8_t src[16], const uint8_t dst[16], uint8_t proto, uint32_t len);

#endif
