/*
 * schema.c - the inventory's tables, one description for every store (see
 * schema.h).
 */
#include "schema.h"

#include <stdio.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const np_schema_column servers_cols[] = {
	{"address", NP_COL_TEXT, "NOT NULL"},
	{"protocol", NP_COL_TEXT, "NOT NULL"},
	{"port", NP_COL_INT, "NOT NULL"},
	{"service", NP_COL_TEXT, ""},
	{"first_seen", NP_COL_TEXT, ""},
	{"last_seen", NP_COL_TEXT, ""},
	{"flows", NP_COL_BIGINT, ""},
	{"packets", NP_COL_BIGINT, ""},
	{"bytes", NP_COL_BIGINT, ""},
	{"clients", NP_COL_BIGINT, ""},
	{"confidence", NP_COL_REAL, ""},
	{"evidence", NP_COL_TEXT, ""},
	{"ties", NP_COL_TEXT, ""},
	{"family", NP_COL_INT, ""},
	{"addr_bin", NP_COL_BLOB, ""},
	{"first_us", NP_COL_BIGINT, ""},
	{"last_us", NP_COL_BIGINT, ""},
	{"quiet_reported", NP_COL_INT, "DEFAULT 0"},
	/* schema 1: before it every stored server had answered */
	{"status", NP_COL_TEXT, "NOT NULL DEFAULT 'confirmed'"},
};

static const np_schema_column clients_cols[] = {
	{"address", NP_COL_TEXT, "NOT NULL"}, {"protocol", NP_COL_TEXT, "NOT NULL"}, {"port", NP_COL_INT, "NOT NULL"},
	{"client", NP_COL_TEXT, "NOT NULL"},  {"first_seen", NP_COL_TEXT, ""},       {"last_seen", NP_COL_TEXT, ""},
	{"flows", NP_COL_BIGINT, ""},
};

static const np_schema_column alerts_cols[] = {
	{"time", NP_COL_TEXT, ""},     {"kind", NP_COL_TEXT, ""},   {"address", NP_COL_TEXT, ""},
	{"protocol", NP_COL_TEXT, ""}, {"port", NP_COL_INT, ""},    {"service", NP_COL_TEXT, ""},
	{"evidence", NP_COL_TEXT, ""}, {"sensor", NP_COL_TEXT, ""}, /* schema 2 */
};

static const np_schema_column meta_cols[] = {
	{"key", NP_COL_TEXT, ""},
	{"value", NP_COL_BIGINT, ""},
};

/* schema 2: which sensors saw a server, when, and how many of its flows */
static const np_schema_column server_sensors_cols[] = {
	{"address", NP_COL_TEXT, "NOT NULL"}, {"protocol", NP_COL_TEXT, "NOT NULL"}, {"port", NP_COL_INT, "NOT NULL"},
	{"sensor", NP_COL_TEXT, "NOT NULL"},  {"first_us", NP_COL_BIGINT, ""},       {"last_us", NP_COL_BIGINT, ""},
	{"flows", NP_COL_BIGINT, ""},
};

/* schema 3: the devices (profile/devices.h), one row per address and role */
static const np_schema_column devices_cols[] = {
	{"address", NP_COL_TEXT, "NOT NULL"}, {"role", NP_COL_TEXT, "NOT NULL"}, {"first_seen", NP_COL_TEXT, ""},
	{"last_seen", NP_COL_TEXT, ""},       {"first_us", NP_COL_BIGINT, ""},   {"last_us", NP_COL_BIGINT, ""},
	{"evidence", NP_COL_TEXT, ""},
};

static const np_schema_table tables[] = {
	{"servers", servers_cols, COUNT(servers_cols), "address, protocol, port"},
	{"clients", clients_cols, COUNT(clients_cols), "address, protocol, port, client"},
	{"alerts", alerts_cols, COUNT(alerts_cols), NULL},
	{"meta", meta_cols, COUNT(meta_cols), "key"},
	{"server_sensors", server_sensors_cols, COUNT(server_sensors_cols), "address, protocol, port, sensor"},
	{"devices", devices_cols, COUNT(devices_cols), "address, role"},
};

const np_schema_table *np_schema_tables(size_t *n)
{
	*n = COUNT(tables);
	return tables;
}

static const char *type_name(enum np_sql_type t, enum np_sql_dialect d)
{
	bool pg = d == NP_SQL_POSTGRES;
	switch (t) {
	case NP_COL_TEXT: return "TEXT";
	case NP_COL_INT: return "INTEGER";
	case NP_COL_BIGINT: return pg ? "BIGINT" : "INTEGER";
	case NP_COL_REAL: return pg ? "DOUBLE PRECISION" : "REAL";
	case NP_COL_BLOB: return pg ? "BYTEA" : "BLOB";
	}
	return "TEXT";
}

static int create_table(enum np_sql_dialect d, const np_schema_io *io, const np_schema_table *t)
{
	char sql[2048];
	size_t o = (size_t)snprintf(sql, sizeof(sql), "CREATE TABLE IF NOT EXISTS %s (", t->name);
	for (size_t c = 0; c < t->ncolumns && o < sizeof(sql); c++)
		o += (size_t)snprintf(sql + o, sizeof(sql) - o, "%s%s %s %s", c ? ", " : "", t->columns[c].name,
				      type_name(t->columns[c].type, d), t->columns[c].extra);
	if (t->key && o < sizeof(sql))
		o += (size_t)snprintf(sql + o, sizeof(sql) - o, ", PRIMARY KEY (%s)", t->key);
	if (o + 2 >= sizeof(sql))
		return -1;
	snprintf(sql + o, sizeof(sql) - o, ")");
	return io->exec(io->ctx, sql);
}

int np_schema_migrate(enum np_sql_dialect d, const np_schema_io *io)
{
	char sql[512];
	for (size_t i = 0; i < COUNT(tables); i++) {
		const np_schema_table *t = &tables[i];
		if (create_table(d, io, t) != 0)
			return -1;
		for (size_t c = 0; c < t->ncolumns; c++) {
			if (io->has_column(io->ctx, t->name, t->columns[c].name))
				continue;
			snprintf(sql, sizeof(sql), "ALTER TABLE %s ADD COLUMN %s %s %s", t->name, t->columns[c].name,
				 type_name(t->columns[c].type, d), t->columns[c].extra);
			if (io->exec(io->ctx, sql) != 0)
				return -1;
		}
	}
	return 0;
}
