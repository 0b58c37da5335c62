#ifndef ALEXNET_TUI_FILE_FAULTS_H
#define ALEXNET_TUI_FILE_FAULTS_H
/*
 * Reports a SIGBUS on a memory-mapped file as one line and an exit status instead of a crash.
 *
 * A file that shrinks while mapped (truncated, or rewritten in place by another program) makes
 * the next read of a page beyond its new end fault with SIGBUS. The front end lists each mapped
 * range here with the line to print should a fault land in it, prepared in advance: a signal
 * handler may only make async-signal-safe calls, so it neither formats text nor calls Swift. A
 * fault inside a listed range writes that line to stderr and `_exit`s; any other SIGBUS is handed
 * on to whoever handled it before (Swift's backtracer) or to the default action, as a crash.
 *
 * This is a C target of its own, not part of the ncurses shim, so that its table is one global
 * shared by every Swift file (a header's `static` data is copied into each file that uses it).
 */
#include <stddef.h>

/* Installs the SIGBUS handler, remembering the previous one; a fault inside a listed range exits
 * with `exit_status`. Returns 0, or -1 with errno set. Call once, before anything is mapped. */
int alexnet_file_faults_install(int exit_status);

/* Lists `[start, start + length)` with the line (newline included) to write on a fault inside it.
 * Returns 0, or -1 when the table is full or the line too long: such a fault stays a crash. */
int alexnet_file_faults_add(const void *start, size_t length, const char *line, size_t line_length);

/* Unlists the range that starts at `start` (before it is unmapped). */
void alexnet_file_faults_remove(const void *start);

#endif
