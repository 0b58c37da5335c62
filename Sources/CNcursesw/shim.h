#ifndef ALEXNET_TUI_NCURSES_SHIM_H
#define ALEXNET_TUI_NCURSES_SHIM_H
/*
 * The C side of the terminal front end. Swift imports functions and plain constants from
 * <curses.h> (the `KEY_*` codes among them), but not its macros with arguments, its attribute
 * bit masks, the `stdscr`/`COLS`/`LINES` globals (Swift 6 strict concurrency rejects mutable C
 * globals), nor anything it would need to do inside a signal handler. Each wrapper below says
 * which of these it works around.
 */

/* SwiftPM drops -D_XOPEN_SOURCE, which hides the wide-character API unless asked for here. */
#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

/* `stdscr` is a mutable C global: Swift 6 refuses to read it from a nonisolated context. */
static inline WINDOW *alexnet_stdscr(void) { return stdscr; }
/* `COLS`, `LINES`, `COLORS`, `COLOR_PAIRS` are macros over functions or mutable globals. */
static inline int alexnet_cols(void) { return COLS; }
static inline int alexnet_lines(void) { return LINES; }
static inline int alexnet_colors(void) { return COLORS; }
static inline int alexnet_color_pairs(void) { return COLOR_PAIRS; }

/* glibc's `stdout` is a mutable global, which Swift 6 strict concurrency rejects; `newterm`
 * writes through it. */
static inline FILE *alexnet_stdout(void) { return stdout; }
static inline FILE *alexnet_stdin(void) { return stdin; }

/* Attribute masks are built by the NCURSES_BITS macro, which Swift does not import. */
static inline attr_t alexnet_attr_bold(void) { return A_BOLD; }
static inline attr_t alexnet_attr_dim(void) { return A_DIM; }
static inline attr_t alexnet_attr_reverse(void) { return A_REVERSE; }
static inline attr_t alexnet_attr_underline(void) { return A_UNDERLINE; }

/* glibc declares `wcwidth` only under _XOPEN_SOURCE, which SwiftPM drops (see above); the
 * painter needs it to keep wide and zero-width characters out of one-column cells. */
extern int wcwidth(wchar_t character);
static inline int alexnet_column_width(wchar_t character) { return wcwidth(character); }

/*
 * One cell with an extended colour pair: `setcchar` takes the pair as a short, so pairs are
 * passed through its `opts` pointer (an int, ncurses' extended-colour convention); and
 * `mvwadd_wch` is a macro. `character` is one UTF-32 scalar.
 */
static inline int alexnet_put_cell(WINDOW *window, int y, int x, wchar_t character, attr_t attributes,
                                   int pair) {
    wchar_t text[2] = {character, L'\0'};
    cchar_t cell;
    if (setcchar(&cell, text, attributes, 0, &pair) == ERR) return ERR;
    if (wmove(window, y, x) == ERR) return ERR;
    return wadd_wch(window, &cell);
}

/*
 * Whether a terminfo entry can host the explorer, without the process exit that `initscr` does
 * on failure: `setupterm` with an error pointer returns instead; the capabilities decide. The entry is released again so
 * that `newterm` starts clean. Returns 1 when usable, 0 when the entry exists but lacks cursor
 * addressing or is a hard-copy/generic terminal (e.g. `dumb`), -1 when there is no entry.
 * `colors` receives the entry's colour count (or -1), `direct` whether it takes RGB colours.
 */
static inline int alexnet_probe_terminfo(const char *name, int output_fd, int *colors, int *direct) {
    int error = 0;
    *colors = -1;
    *direct = 0;
    TERMINAL *previous = cur_term;
    /* Fails (error 0 or -1) when there is no entry or no terminfo database at all. */
    if (setupterm((char *)name, output_fd, &error) != OK) return -1;
    char *cursor_addressing = tigetstr("cup");
    int usable = cursor_addressing != NULL && cursor_addressing != (char *)-1 && !tigetflag("hc")
                 && !tigetflag("gn");
    *colors = tigetnum("colors");
    /* ncurses' direct-colour entries (xterm-direct, tmux-direct) carry the RGB extension flag. */
    *direct = tigetflag("RGB") > 0 || *colors >= 0x1000000;
    TERMINAL *probed = cur_term;
    set_curterm(previous);
    del_curterm(probed);
    return usable;
}

/*
 * Signals reach the event loop through a pipe: the handler may only make async-signal-safe
 * calls, and a Swift closure could touch the Swift runtime (lazy globals, retain/release).
 * The loop polls the read end next to standard input.
 */
static int alexnet_signal_pipe_write_fd = -1;

static inline void alexnet_signal_to_pipe(int signal_number) {
    int saved_errno = errno;
    unsigned char byte = (unsigned char)signal_number;
    if (alexnet_signal_pipe_write_fd >= 0) (void)write(alexnet_signal_pipe_write_fd, &byte, 1);
    errno = saved_errno;
}

static inline void alexnet_set_signal_pipe(int write_fd) { alexnet_signal_pipe_write_fd = write_fd; }

/* `struct sigaction` shares its name with the function, which Swift cannot tell apart; this
 * installs `alexnet_signal_to_pipe` (or restores the default with `to_pipe == 0`). */
static inline int alexnet_route_signal(int signal_number, int to_pipe) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = to_pipe ? alexnet_signal_to_pipe : SIG_DFL;
    return sigaction(signal_number, &action, NULL);
}

#endif
