/*
 * test_ties.c - a server's ties list (profile/ties.h): whole entries, each
 * once, bounded, and ",..." when one was left out.
 */
#include "../../src/profile/ties.h"
#include "check.h"

static bool add(char *t, size_t size, const char *e)
{
	return np_ties_add(t, size, e, strlen(e));
}

int main(void)
{
	char t[NP_TIES_SIZE] = "";
	/* an entry that is part of another is a different entry */
	CHECK(add(t, sizeof(t), "ftp-data:passive/50011"));
	CHECK(add(t, sizeof(t), "ftp-data:passive/5001"));
	CHECK(add(t, sizeof(t), "ftp-data:passive/50011"));
	CHECK(add(t, sizeof(t), "gre"));
	CHECK(strcmp(t, "ftp-data:passive/50011,ftp-data:passive/5001,gre") == 0);

	/* merging: each entry once, in order, the empty ones skipped */
	np_ties_merge(t, sizeof(t), "gre,,ftp-data:active/20,ftp-data:passive/5001");
	CHECK(strcmp(t, "ftp-data:passive/50011,ftp-data:passive/5001,gre,ftp-data:active/20") == 0);

	/* bounded: an entry goes in only if ",..." still fits after it */
	char s[24] = "";
	CHECK(add(s, sizeof(s), "aaaaaaaa"));  /* 8 */
	CHECK(add(s, sizeof(s), "bbbbbbbbb")); /* 8 + 1 + 9 = 18, and 4 more: 22 < 24 */
	CHECK(!add(s, sizeof(s), "c"));        /* 20 + 4 = 24: no */
	CHECK(strcmp(s, "aaaaaaaa,bbbbbbbbb,...") == 0);
	CHECK(!add(s, sizeof(s), "bbbbbbbbb")); /* full: nothing more, even one held */
	CHECK(strlen(s) < sizeof(s));

	/* "..." ends a list; a merge stops there */
	char u[NP_TIES_SIZE] = "x";
	np_ties_merge(u, sizeof(u), "y,...,z");
	CHECK(strcmp(u, "x,y,...") == 0);

	/* a long run of distinct entries stays within the size */
	char v[NP_TIES_SIZE] = "";
	char e[32];
	for (int i = 0; i < 1000; i++) {
		snprintf(e, sizeof(e), "ftp-data:passive/%d", 50000 + i);
		add(v, sizeof(v), e);
	}
	size_t n = strlen(v);
	CHECK(n < sizeof(v) && n > 4 && strcmp(v + n - 4, ",...") == 0);
	return check_summary("ties");
}
