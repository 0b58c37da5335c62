#ifndef ALEXNET_TUI_NCURSES_SHIM_H
#define ALEXNET_TUI_NCURSES_SHIM_H
/* SwiftPM drops -D_XOPEN_SOURCE, which hides the wide-character API unless asked for here. */
#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
#endif
