/*
 * schema.h - the inventory's tables, described once for every store: each
 * backend renders the description in its own SQL (types differ: BLOB and
 * BYTEA, REAL and DOUBLE PRECISION) and migrates with it.
 *
 * Versions: NP_STORE_SCHEMA is the schema this build writes. 0 is a
 * database written before versions were kept, 1 added servers.status, 2
 * the sensors (server_sensors, alerts.sensor), 3 the devices (the
 * routers, switches and others of profile/devices.h). Migrating forward is
 * adding what the description has and the database lacks (a table, a
 * column with its default), then writing the version; a database of a
 * newer version than this build is refused, never touched.
 *
 * Not for: reading or writing rows (store.h and the backends).
 */
#ifndef NP_SCHEMA_H
#define NP_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#define NP_STORE_SCHEMA 3

enum np_sql_dialect { NP_SQL_SQLITE, NP_SQL_POSTGRES };

enum np_sql_type { NP_COL_TEXT, NP_COL_INT, NP_COL_BIGINT, NP_COL_REAL, NP_COL_BLOB };

typedef struct np_schema_column {
	const char *name;
	enum np_sql_type type;
	const char *extra; /* "NOT NULL", "DEFAULT 0", ... (same in both dialects) */
} np_schema_column;

typedef struct np_schema_table {
	const char *name;
	const np_schema_column *columns;
	size_t ncolumns;
	const char *key; /* primary key columns, or NULL */
} np_schema_table;

const np_schema_table *np_schema_tables(size_t *n);

/* How a backend runs a statement and looks at a table, for np_schema_migrate. */
typedef struct np_schema_io {
	int (*exec)(void *ctx, const char *sql);                              /* 0 or -1 */
	bool (*has_column)(void *ctx, const char *table, const char *column); /* table exists with it */
	void *ctx;
} np_schema_io;

/* Create what is missing: tables (CREATE TABLE IF NOT EXISTS), then
 * columns added since a table was first created. 0 or -1. */
int np_schema_migrate(enum np_sql_dialect d, const np_schema_io *io);

#endif
