/*
 * ties.c - a server's ties as text, each entry once and bounded (ties.h).
 */
#include "ties.h"

#include <string.h>

static const char more[] = ",...";

static bool full(const char *ties, size_t used)
{
	return used >= sizeof(more) - 1 && !strcmp(ties + used - (sizeof(more) - 1), more);
}

/* Whether the list holds the entry, whole. */
static bool holds(const char *ties, const char *entry, size_t len)
{
	for (const char *p = ties; *p;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n == len && !memcmp(p, entry, len))
			return true;
		if (!end)
			break;
		p = end + 1;
	}
	return false;
}

bool np_ties_add(char *ties, size_t size, const char *entry, size_t len)
{
	size_t used = strlen(ties);
	if (full(ties, used))
		return false;
	if (len == 0 || holds(ties, entry, len))
		return true;
	/* Room is left for ",..." after every entry, so a full list says so. */
	size_t need = (used ? used + 1 : 0) + len;
	if ((len == 3 && !memcmp(entry, "...", 3)) || need + sizeof(more) - 1 >= size) {
		if (used && used + sizeof(more) <= size)
			memcpy(ties + used, more, sizeof(more));
		return false;
	}
	if (used)
		ties[used++] = ',';
	memcpy(ties + used, entry, len);
	ties[used + len] = '\0';
	return true;
}

void np_ties_merge(char *ties, size_t size, const char *add)
{
	for (const char *p = add; p && *p;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (!np_ties_add(ties, size, p, n))
			return;
		p = end ? end + 1 : NULL;
	}
}
