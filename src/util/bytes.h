/*
 * bytes.h - the one way netprofile reads packet bytes.
 *
 * Every read of captured bytes goes through these accessors. Each takes the
 * pointer to read at and the end of the captured data in scope (the
 * "snapend": one past the last byte we may touch) and says whether the read
 * fits. Callers never compare pointers by hand.
 *
 * Printers use the NP_GET_* macros, which jump to the function's local
 * `trunc:` label when the bytes are not there, the way tcpdump's GET_ macros
 * longjmp; decoders use the functions and return a status.
 *
 * Not for: anything that allocates or copies; values are decoded from
 * network (big-endian) or little-endian order explicitly, never by casting.
 */
#ifndef NP_BYTES_H
#define NP_BYTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* True when n bytes starting at p lie inside [.., end). */
static inline bool np_has(const uint8_t *p, const uint8_t *end, size_t n)
{
	return p != NULL && p <= end && (size_t)(end - p) >= n;
}

/* Loads of bytes the caller has already checked with np_has (a record's
 * fixed part, read field by field): no check of their own. */
static inline uint16_t np_load_be16(const uint8_t *p)
{
	return (uint16_t)((p[0] << 8) | p[1]);
}

static inline uint32_t np_load_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline uint64_t np_load_be64(const uint8_t *p)
{
	return (uint64_t)np_load_be32(p) << 32 | np_load_be32(p + 4);
}

static inline bool np_get_u8(const uint8_t *p, const uint8_t *end, uint8_t *v)
{
	if (!np_has(p, end, 1))
		return false;
	*v = p[0];
	return true;
}

static inline bool np_get_be16(const uint8_t *p, const uint8_t *end, uint16_t *v)
{
	if (!np_has(p, end, 2))
		return false;
	*v = (uint16_t)((p[0] << 8) | p[1]);
	return true;
}

static inline bool np_get_be24(const uint8_t *p, const uint8_t *end, uint32_t *v)
{
	if (!np_has(p, end, 3))
		return false;
	*v = ((uint32_t)p[0] << 16) | ((uint32_t)p[1] << 8) | p[2];
	return true;
}

static inline bool np_get_be32(const uint8_t *p, const uint8_t *end, uint32_t *v)
{
	if (!np_has(p, end, 4))
		return false;
	*v = ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
	return true;
}

static inline bool np_get_be64(const uint8_t *p, const uint8_t *end, uint64_t *v)
{
	uint32_t hi, lo;
	if (!np_get_be32(p, end, &hi) || !np_get_be32(p + 4, end, &lo))
		return false;
	*v = ((uint64_t)hi << 32) | lo;
	return true;
}

static inline bool np_get_le16(const uint8_t *p, const uint8_t *end, uint16_t *v)
{
	if (!np_has(p, end, 2))
		return false;
	*v = (uint16_t)(p[0] | (p[1] << 8));
	return true;
}

static inline bool np_get_le32(const uint8_t *p, const uint8_t *end, uint32_t *v)
{
	if (!np_has(p, end, 4))
		return false;
	*v = (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
	return true;
}

/*
 * Printer forms: read or jump to the enclosing function's `trunc:` label.
 * `end` is the snapend in scope (usually pr->snapend).
 */
#define NP_CHECK(p, end, n)                   \
	do {                                  \
		if (!np_has((p), (end), (n))) \
			goto trunc;           \
	} while (0)
#define NP_GET_U8(v, p, end)                      \
	do {                                      \
		if (!np_get_u8((p), (end), &(v))) \
			goto trunc;               \
	} while (0)
#define NP_GET_BE16(v, p, end)                      \
	do {                                        \
		if (!np_get_be16((p), (end), &(v))) \
			goto trunc;                 \
	} while (0)
#define NP_GET_BE24(v, p, end)                      \
	do {                                        \
		if (!np_get_be24((p), (end), &(v))) \
			goto trunc;                 \
	} while (0)
#define NP_GET_BE32(v, p, end)                      \
	do {                                        \
		if (!np_get_be32((p), (end), &(v))) \
			goto trunc;                 \
	} while (0)
#define NP_GET_BE64(v, p, end)                      \
	do {                                        \
		if (!np_get_be64((p), (end), &(v))) \
			goto trunc;                 \
	} while (0)
#define NP_GET_LE16(v, p, end)                      \
	do {                                        \
		if (!np_get_le16((p), (end), &(v))) \
			goto trunc;                 \
	} while (0)
#define NP_GET_LE32(v, p, end)                      \
	do {                                        \
		if (!np_get_le32((p), (end), &(v))) \
			goto trunc;                 \
	} while (0)

#endif
