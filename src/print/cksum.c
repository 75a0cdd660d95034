/*
 * cksum.c - Internet checksum helpers (see cksum.h).
 */
#include "cksum.h"

uint32_t np_cksum_add(const uint8_t *p, size_t len, uint32_t sum)
{
	uint64_t s = sum;
	size_t i = 0;
	for (; i + 1 < len; i += 2)
		s += (uint32_t)((p[i] << 8) | p[i + 1]);
	if (i < len)
		s += (uint32_t)(p[i] << 8);
	while (s >> 32)
		s = (s & 0xffffffffu) + (s >> 32);
	return (uint32_t)s;
}

uint16_t np_in_cksum(const uint8_t *p, size_t len, uint32_t initial)
{
	uint64_t s = np_cksum_add(p, len, initial);
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

/* RFC 1624: the field value that makes the sum 0xffff. */
uint16_t np_in_cksum_shouldbe(uint16_t sum, uint16_t computed_sum)
{
	uint32_t shouldbe = sum;
	shouldbe += computed_sum;
	shouldbe = (shouldbe & 0xFFFF) + (shouldbe >> 16);
	shouldbe = (shouldbe & 0xFFFF) + (shouldbe >> 16);
	return (uint16_t)shouldbe;
}

uint32_t np_pseudo_sum4(const uint8_t src[4], const uint8_t dst[4], uint8_t proto, uint32_t len)
{
	uint32_t s = np_cksum_add(src, 4, 0);
	s = np_cksum_add(dst, 4, s);
	s += proto;
	s += len & 0xffff;
	s += len >> 16;
	return s;
}

uint32_t np_pseudo_sum6(const uint8_t src[16], const uint8_t dst[16], uint8_t proto, uint32_t len)
{
	uint32_t s = np_cksum_add(src, 16, 0);
	s = np_cksum_add(dst, 16, s);
	s += len & 0xffff;
	s += len >> 16;
	s += proto;
	return s;
}
