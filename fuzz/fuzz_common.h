/*
 * fuzz_common.h - what the libFuzzer targets share: the output that
 * throws the text away, the private copy of the input that lets ASan see
 * a read past its end (fuzz_message: a flags byte, then the message), and
 * a printer scoped to one message.
 *
 * Not for: choosing options from the input bytes (each target says how
 * it spends them).
 */
#ifndef NP_FUZZ_COMMON_H
#define NP_FUZZ_COMMON_H

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../src/decode/packet.h"
#include "../src/print/print.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An output to /dev/null, opened once; its buffer is emptied by
 * fuzz_printer_close. */
static inline np_out *fuzz_out(void)
{
	static np_out out;
	static int ready;
	if (!ready) {
		out_open_fd(&out, open("/dev/null", O_WRONLY));
		ready = 1;
	}
	return &out;
}

/* A heap copy of exactly n bytes (free it), so ASan sees reads past them. */
static inline uint8_t *fuzz_copy(const uint8_t *p, size_t n)
{
	uint8_t *c = malloc(n ? n : 1);
	memcpy(c, p, n);
	return c;
}

/* The input of a one-message target: byte 0 its flags (*flags), the rest
 * the message, as a fuzz_copy of its *n bytes (free it); NULL when the
 * input is empty. */
static inline uint8_t *fuzz_message(const uint8_t *data, size_t size, uint8_t *flags, size_t *n)
{
	if (size < 1)
		return NULL;
	*flags = data[0];
	*n = size - 1;
	return fuzz_copy(data + 1, *n);
}

/* A printer with options o writing to fuzz_out(); with msg, its captured
 * scope is the n bytes at msg (payload printers called alone). */
static inline void fuzz_printer_open(np_printer *pr, const np_print_opts *o, const uint8_t *msg, size_t n)
{
	print_init(pr, o, fuzz_out());
	if (msg)
		pr->snapend = msg + n;
}

static inline void fuzz_printer_close(np_printer *pr)
{
	print_free(pr);
	fuzz_out()->len = 0; /* discard the text */
}

#endif
