/*
 * check.h - a very small unit-test harness: CHECK(cond) records a failure
 * with file and line and goes on; check_summary() prints the
 * "N passed, N failed" line and gives the exit status; cut_copy() makes
 * the exact-size heap copy every cut-at-each-length test decodes or
 * prints (so the ASan build catches a read past the cut).
 */
#ifndef NP_CHECK_H
#define NP_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond)                                                                              \
	do {                                                                                     \
		if (cond) {                                                                      \
			check_passed++;                                                          \
		} else {                                                                         \
			check_failed++;                                                          \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
		}                                                                                \
	} while (0)

/* A heap copy of the first n bytes (free it), so reads past them are caught. */
static inline uint8_t *cut_copy(const uint8_t *p, size_t n)
{
	uint8_t *c = malloc(n ? n : 1);
	memcpy(c, p, n);
	return c;
}

static inline int check_summary(const char *suite)
{
	printf("%s: %d passed, %d failed\n", suite, check_passed, check_failed);
	return check_failed ? 1 : 0;
}

#endif
