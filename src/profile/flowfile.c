/*
 * flowfile.c - reading flow records from files (see flowfile.h).
 * (Skeleton: the readers are being written.)
 */
#include "flowfile.h"

#include <stdio.h>

long np_flowfile_read(const char *path, np_flowfile_fn fn, void *ctx, char *err, size_t errlen)
{
	(void)fn;
	(void)ctx;
	snprintf(err, errlen, "%s: reading flow records is not implemented yet", path);
	return -1;
}
