/*
 * sort.h - a sort of one element type with its comparison inlined, for
 * the arrays a commit sorts by the hundred thousand (the profiler's
 * conversations, fan-in tuples and clients, the client rows stored).
 *
 * NP_SORT_DEFINE(name, T, cmp) defines `static void name(T *v, size_t n)`,
 * which orders v as qsort(v, n, sizeof(T), cmp) would: cmp is a qsort
 * comparator of the same file, called directly, so the compiler inlines it
 * where qsort calls it through a pointer for every comparison. The sort is
 * a stable merge sort (runs of 16 by insertion, then merged bottom-up, a
 * run already in order after the one before it copied without merging);
 * when the buffer cannot be had, qsort itself. An array in order already
 * (what a commit stored, sorted again to be sure) costs one pass.
 *
 * NP_BSEARCH_DEFINE (below) searches such an array the same way.
 *
 * Not for: sorts of a few dozen elements outside a loop (qsort is fine).
 */
#ifndef NP_SORT_H
#define NP_SORT_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* NOLINTBEGIN(bugprone-macro-parentheses): T is a type name and cmp a
 * function name; neither can be parenthesised where they are used. */
#define NP_SORT_DEFINE(name, T, cmp)                                                                        \
	static void name##_runs(T *v, size_t n, size_t run)                                                 \
	{                                                                                                   \
		for (size_t lo = 0; lo < n; lo += run) {                                                    \
			size_t hi = n - lo < run ? n : lo + run;                                            \
			for (size_t i = lo + 1; i < hi; i++) {                                              \
				if (cmp(&v[i - 1], &v[i]) <= 0)                                             \
					continue;                                                           \
				T x = v[i];                                                                 \
				size_t j = i;                                                               \
				for (; j > lo && cmp(&v[j - 1], &x) > 0; j--)                               \
					v[j] = v[j - 1];                                                    \
				v[j] = x;                                                                   \
			}                                                                                   \
		}                                                                                           \
	}                                                                                                   \
	static void name(T *v, size_t n)                                                                    \
	{                                                                                                   \
		enum { RUN = 16 };                                                                          \
		size_t in_order = 1;                                                                        \
		while (in_order < n && cmp(&v[in_order - 1], &v[in_order]) <= 0)                            \
			in_order++;                                                                         \
		if (in_order >= n)                                                                          \
			return;                                                                             \
		if (n <= RUN) {                                                                             \
			name##_runs(v, n, RUN);                                                             \
			return;                                                                             \
		}                                                                                           \
		T *tmp = malloc(n * sizeof(T));                                                             \
		if (!tmp) {                                                                                 \
			qsort(v, n, sizeof(T), cmp);                                                        \
			return;                                                                             \
		}                                                                                           \
		name##_runs(v, n, RUN);                                                                     \
		T *src = v, *dst = tmp;                                                                     \
		for (size_t w = RUN; w < n; w *= 2) {                                                       \
			for (size_t lo = 0; lo < n; lo += 2 * w) {                                          \
				size_t mid = n - lo < w ? n : lo + w, hi = n - lo < 2 * w ? n : lo + 2 * w; \
				size_t i = lo, j = mid, k = lo;                                             \
				if (mid < hi && cmp(&src[mid - 1], &src[mid]) > 0)                          \
					while (i < mid && j < hi)                                           \
						dst[k++] = cmp(&src[j], &src[i]) < 0 ? src[j++] : src[i++]; \
				memcpy(&dst[k], &src[i], (mid - i) * sizeof(T));                            \
				k += mid - i;                                                               \
				memcpy(&dst[k], &src[j], (hi - j) * sizeof(T));                             \
			}                                                                                   \
			T *t = src;                                                                         \
			src = dst;                                                                          \
			dst = t;                                                                            \
		}                                                                                           \
		if (src != v)                                                                               \
			memcpy(v, src, n * sizeof(T));                                                      \
		free(tmp);                                                                                  \
	}
/* NP_BSEARCH_DEFINE(name, T, cmp) defines
 * `static const T *name(const T *v, size_t n, const T *key)`: the element
 * of v (sorted by cmp) that cmp finds equal to key, or NULL; bsearch with
 * the comparison inlined. */
#define NP_BSEARCH_DEFINE(name, T, cmp)                          \
	static const T *name(const T *v, size_t n, const T *key) \
	{                                                        \
		size_t lo = 0, hi = n;                           \
		while (lo < hi) {                                \
			size_t mid = lo + (hi - lo) / 2;         \
			int c = cmp(&v[mid], key);               \
			if (c == 0)                              \
				return &v[mid];                  \
			if (c < 0)                               \
				lo = mid + 1;                    \
			else                                     \
				hi = mid;                        \
		}                                                \
		return NULL;                                     \
	}
/* NP_SEARCH_ON_DEFINE(name, T, cmp) defines
 * `static const T *name(const T *v, size_t n, const T *key, size_t *at)`:
 * the same answer as NP_BSEARCH_DEFINE's where v holds no two equal
 * elements, for keys asked in increasing order: the search goes on from
 * *at (where the key before was, or would be), a step or two from it
 * (galloping, then binary), and sets *at for the next. A key below the
 * one before starts from the beginning again. Set *at to 0 first. */
#define NP_SEARCH_ON_DEFINE(name, T, cmp)                                    \
	static const T *name(const T *v, size_t n, const T *key, size_t *at) \
	{                                                                    \
		size_t lo = *at < n ? *at : n;                               \
		if (lo && cmp(&v[lo - 1], key) >= 0)                         \
			lo = 0;                                              \
		size_t hi = lo, step = 1;                                    \
		while (hi < n && cmp(&v[hi], key) < 0) {                     \
			lo = hi + 1;                                         \
			hi = n - lo > step ? lo + step : n;                  \
			step *= 2;                                           \
		}                                                            \
		while (lo < hi) {                                            \
			size_t mid = lo + (hi - lo) / 2;                     \
			if (cmp(&v[mid], key) < 0)                           \
				lo = mid + 1;                                \
			else                                                 \
				hi = mid;                                    \
		}                                                            \
		*at = lo;                                                    \
		return lo < n && cmp(&v[lo], key) == 0 ? &v[lo] : NULL;      \
	}
/* NOLINTEND(bugprone-macro-parentheses) */

#endif
