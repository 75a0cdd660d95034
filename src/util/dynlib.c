/*
 * dynlib.c - a shared library loaded on first use (see dynlib.h).
 */
#include "dynlib.h"

#include <dlfcn.h>
#include <stdio.h>

int np_dynlib_load(const char *soname, const char *const *names, void **syms, size_t n, char *why, size_t whylen)
{
	void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		const char *msg = dlerror();
		snprintf(why, whylen, "%s", msg ? msg : "cannot be opened");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		syms[i] = dlsym(lib, names[i]);
		if (!syms[i]) {
			snprintf(why, whylen, "%s has no %s", soname, names[i]);
			dlclose(lib);
			return -1;
		}
	}
	return 0; /* the library stays loaded for the program's life */
}
