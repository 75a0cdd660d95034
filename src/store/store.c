/*
 * store.c - picks the backend from the name given to --db (see store.h).
 */
#include "store.h"

#include <string.h>

bool np_store_is_postgres(const char *where)
{
	if (!where)
		return false;
	if (strncmp(where, "postgresql://", 13) == 0 || strncmp(where, "postgres://", 11) == 0)
		return true;
	/* libpq's key=value form: "service=inventory", "host=db dbname=np" */
	const char *eq = strchr(where, '=');
	if (!eq || eq == where || strchr(where, '/'))
		return false;
	for (const char *p = where; p < eq; p++)
		if (!((*p >= 'a' && *p <= 'z') || *p == '_'))
			return false;
	return true;
}

np_store *np_store_open(const char *where, const char *sensor, enum np_store_mode mode, char *err, size_t errlen)
{
	if (np_store_is_postgres(where))
		return np_store_postgres_open(where, sensor, mode, err, errlen);
	return np_store_sqlite_open(where, sensor, mode, err, errlen);
}

void np_store_close(np_store *st)
{
	if (st)
		st->ops->close(st);
}
