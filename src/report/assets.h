/*
 * assets.h - the report page's stylesheet, body markup and script, built
 * in (assets.c), each a NUL-terminated string.
 */
#ifndef NP_REPORT_ASSETS_H
#define NP_REPORT_ASSETS_H

extern const char np_report_page_css[];
extern const char np_report_page_html[];
extern const char np_report_page_js[];

#endif
