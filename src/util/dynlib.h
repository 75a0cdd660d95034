/*
 * dynlib.h - a shared library loaded when a feature first needs it, not
 * when the program starts: for the libraries few runs use (libpq for a
 * PostgreSQL inventory, libcrypto for `decode -E`), whose symbol lookups
 * and pages every run of every command would otherwise pay for.
 *
 * The caller keeps its library's header (so its calls are checked against
 * the library's prototypes) and a table of the functions it calls; this
 * only opens the library by its soname and looks the names up.
 *
 * Not for: libraries every run needs (libpcap), plugins of our own.
 */
#ifndef NP_DYNLIB_H
#define NP_DYNLIB_H

#include <stddef.h>

/* Open soname and look up names[0..n) into syms[0..n); 0, or -1 with why
 * the library cannot be used (the loader's message, or the first name
 * missing) in why. */
int np_dynlib_load(const char *soname, const char *const *names, void **syms, size_t n, char *why, size_t whylen);

/* NP_DYNLIB(lib, SONAME, FUNCTIONS) defines, in the file that uses it:
 *   static struct { ... } lib;  a pointer to each function FUNCTIONS(X)
 *                               names with X(name), called as lib.name(...)
 *                               with the header's own prototype;
 *   static const char *lib_missing(void);  loads the library the first
 *                               time (pthread_once), then NULL when lib's
 *                               pointers are there, else why not.
 * The file includes <pthread.h> and <string.h>. */
/* The macros take names and declarators, not expressions: */
// NOLINTBEGIN(bugprone-macro-parentheses)
#define NP_DYNLIB_POINTER_(name) __typeof__(name) *name;
#define NP_DYNLIB_NAME_(name) #name,
#define NP_DYNLIB_SET_(name) memcpy(&self->name, at++, sizeof(self->name));
#define NP_DYNLIB(lib, soname, FUNCTIONS)                                                              \
	static struct {                                                                                \
		FUNCTIONS(NP_DYNLIB_POINTER_)                                                          \
	} lib;                                                                                         \
	static pthread_once_t lib##_once = PTHREAD_ONCE_INIT;                                          \
	static char lib##_error[256];                                                                  \
	static void lib##_load(void)                                                                   \
	{                                                                                              \
		static const char *const names[] = {FUNCTIONS(NP_DYNLIB_NAME_)};                       \
		void *syms[sizeof(names) / sizeof(names[0])], **at = syms;                             \
		__typeof__(lib) *self = &lib;                                                          \
		if (np_dynlib_load(soname, names, syms, sizeof(names) / sizeof(names[0]), lib##_error, \
				   sizeof(lib##_error)) != 0)                                          \
			return;                                                                        \
		/* dlsym's object pointers into the function pointers, as POSIX allows */              \
		FUNCTIONS(NP_DYNLIB_SET_)                                                              \
	}                                                                                              \
	static const char *lib##_missing(void)                                                         \
	{                                                                                              \
		pthread_once(&lib##_once, lib##_load);                                                 \
		return lib##_error[0] ? lib##_error : NULL;                                            \
	}
// NOLINTEND(bugprone-macro-parentheses)

#endif
