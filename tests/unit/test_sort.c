/*
 * test_sort.c - util/sort.h against the C library: NP_SORT_DEFINE orders as
 * a stable sort would (qsort of (key, position) pairs), on random, sorted,
 * reversed and nearly sorted arrays of many lengths; NP_SEARCH_ON_DEFINE
 * finds what bsearch finds, for keys asked in increasing order, in any
 * order, present or not.
 */
#include <stdint.h>

#include "../../src/util/sort.h"
#include "check.h"

struct item {
	uint32_t key;
	uint32_t pos; /* where it was before sorting: stability */
};

static int key_cmp(const void *x, const void *y)
{
	const struct item *a = x, *b = y;
	return (a->key > b->key) - (a->key < b->key);
}

/* The order a stable sort by key gives, as qsort gives it by (key, pos). */
static int key_pos_cmp(const void *x, const void *y)
{
	const struct item *a = x, *b = y;
	int c = key_cmp(a, b);
	return c ? c : (a->pos > b->pos) - (a->pos < b->pos);
}

NP_SORT_DEFINE(sort_items, struct item, key_cmp)
NP_SEARCH_ON_DEFINE(search_on, struct item, key_cmp)

static uint32_t rng = 12345;

static uint32_t next_random(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

enum shape { RANDOM, SORTED, REVERSED, NEARLY, FEW_KEYS, SHAPES };

static void fill(struct item *v, size_t n, enum shape shape)
{
	for (size_t i = 0; i < n; i++) {
		switch (shape) {
		case RANDOM: v[i].key = next_random(); break;
		case SORTED: v[i].key = (uint32_t)i; break;
		case REVERSED: v[i].key = (uint32_t)(n - i); break;
		case NEARLY: v[i].key = (uint32_t)i; break;
		default: v[i].key = next_random() % 4; break;
		}
		v[i].pos = (uint32_t)i;
	}
	if (shape == NEARLY && n > 2) { /* one pair out of place, late */
		size_t a = n - 1 - next_random() % (n / 2);
		v[a].key = 0;
	}
}

static void test_sort(void)
{
	static const size_t lengths[] = {0, 1, 2, 3, 15, 16, 17, 31, 32, 33, 100, 1000, 4097};
	for (size_t l = 0; l < sizeof(lengths) / sizeof(lengths[0]); l++) {
		size_t n = lengths[l];
		struct item *v = malloc((n + 1) * sizeof(*v)), *want = malloc((n + 1) * sizeof(*want));
		for (int shape = 0; shape < SHAPES; shape++) {
			fill(v, n, (enum shape)shape);
			memcpy(want, v, n * sizeof(*v));
			qsort(want, n, sizeof(*want), key_pos_cmp);
			sort_items(v, n);
			CHECK(memcmp(v, want, n * sizeof(*v)) == 0);
		}
		free(v);
		free(want);
	}
}

static void test_search_on(void)
{
	enum { N = 1000 };
	struct item v[N];
	for (size_t i = 0; i < N; i++) { /* even keys, distinct */
		v[i].key = (uint32_t)(2 * i + 2);
		v[i].pos = (uint32_t)i;
	}
	for (size_t n = 0; n <= N; n += n < 40 ? 1 : 97) {
		/* every key from below the first to past the last, in order,
		 * then some in any order (a key below the one before) */
		size_t at = 0;
		int agree = 1;
		for (uint32_t k = 0; k <= 2 * n + 3; k++) {
			struct item key = {k, 0};
			const struct item *got = search_on(v, n, &key, &at);
			agree &= got == bsearch(&key, v, n, sizeof(*v), key_cmp);
		}
		for (int i = 0; i < 300; i++) {
			struct item key = {next_random() % (2 * N + 4), 0};
			if (i % 3 == 0)
				at = next_random() % (n + 5); /* any place to go on from */
			const struct item *got = search_on(v, n, &key, &at);
			agree &= got == bsearch(&key, v, n, sizeof(*v), key_cmp);
		}
		CHECK(agree);
	}
}

int main(void)
{
	test_sort();
	test_search_on();
	return check_summary("sort");
}
