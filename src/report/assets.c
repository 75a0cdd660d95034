/*
 * assets.c - the page's own stylesheet, markup and script (page.css,
 * page.html, page.js beside this file), built into the binary with the
 * assembler's .incbin so they are edited as what they are, not as C
 * strings. Each ends with a NUL. Paths are relative to the top of the
 * tree, where the Makefile runs the compiler.
 * Not for: Chart.js, which is Debian's and read at run time (report.c).
 */
#include "assets.h"

#define NP_ASSET(sym, file)                                                                                        \
	".pushsection .rodata\n.global " sym "\n.type " sym ", @object\n" sym ":\n.incbin \"" file "\"\n.byte 0\n" \
	".popsection\n"

__asm__(NP_ASSET("np_report_page_css", "src/report/page.css") NP_ASSET("np_report_page_html", "src/report/page.html")
		NP_ASSET("np_report_page_js", "src/report/page.js"));
