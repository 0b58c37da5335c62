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
#include <termios.h>
#include <time.h>
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
/* A function-local static: Swift's importer reliably emits functions, not a header's data. */
static inline int *alexnet_signal_pipe_write_fd(void) {
    static int descriptor = -1;
    return &descriptor;
}

static inline void alexnet_signal_to_pipe(int signal_number) {
    int saved_errno = errno;
    unsigned char byte = (unsigned char)signal_number;
    int descriptor = *alexnet_signal_pipe_write_fd();
    if (descriptor >= 0) (void)write(descriptor, &byte, 1);
    errno = saved_errno;
}

static inline void alexnet_set_signal_pipe(int write_fd) { *alexnet_signal_pipe_write_fd() = write_fd; }

/* `struct sigaction` shares its name with the function, which Swift cannot tell apart; this
 * installs `alexnet_signal_to_pipe` (or restores the default with `to_pipe == 0`). */
static inline int alexnet_route_signal(int signal_number, int to_pipe) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = to_pipe ? alexnet_signal_to_pipe : SIG_DFL;
    return sigaction(signal_number, &action, NULL);
}

/*
 * Crash restore: if the process dies of a fatal signal (a trap in Swift code, SIGSEGV, abort)
 * while curses owns the terminal, the handler puts the terminal back from data prepared in
 * advance, with async-signal-safe calls only (write, tcsetattr), then hands the signal on to
 * whoever handled it before (Swift's backtracer) or to the default action. Without it a crash
 * would leave the user's shell without echo, on the alternate screen, with no cursor.
 * Like the signal pipe, the state is per Swift file: arm and disarm from a single one.
 */
static const int alexnet_fatal_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT};
#define ALEXNET_FATAL_SIGNAL_COUNT (sizeof alexnet_fatal_signals / sizeof alexnet_fatal_signals[0])

/* `armed`: 0 not armed (or already restored), 1 armed, 2 a handler is restoring right now. */
#define ALEXNET_CRASH_RESTORING 2

struct alexnet_crash_restore {
    int armed;
    struct termios shell_modes;
    char text[256];
    size_t length;
    struct sigaction previous[ALEXNET_FATAL_SIGNAL_COUNT];
};

/* A function-local static: Swift's importer emits the functions it calls, but not file-scope
 * zero-initialised `static` data of a header. */
static inline struct alexnet_crash_restore *alexnet_crash_state(void) {
    static struct alexnet_crash_restore state;
    return &state;
}

static inline void alexnet_restore_after_crash(int signal_number, siginfo_t *info, void *context) {
    struct alexnet_crash_restore *state = alexnet_crash_state();
    int armed = 1;
    if (__atomic_compare_exchange_n(&state->armed, &armed, ALEXNET_CRASH_RESTORING, 0, __ATOMIC_ACQ_REL,
                                    __ATOMIC_ACQUIRE)) {
        (void)write(STDOUT_FILENO, state->text, state->length);
        (void)tcsetattr(STDIN_FILENO, TCSANOW, &state->shell_modes);
        __atomic_store_n(&state->armed, 0, __ATOMIC_RELEASE);
    } else {
        /* Two threads can fault at once (both read a weights file that shrank): the one that
         * lost the race waits for the other to finish restoring, or the handler it hands on to
         * could end the process with the terminal half restored. */
        struct timespec pause = {0, 1000000};
        while (__atomic_load_n(&state->armed, __ATOMIC_ACQUIRE) == ALEXNET_CRASH_RESTORING) {
            (void)nanosleep(&pause, NULL);
        }
    }
    for (size_t i = 0; i < ALEXNET_FATAL_SIGNAL_COUNT; i++) {
        if (alexnet_fatal_signals[i] != signal_number) continue;
        struct sigaction previous = state->previous[i];
        (void)sigaction(signal_number, &previous, NULL);
        if ((previous.sa_flags & SA_SIGINFO) && previous.sa_sigaction) {
            previous.sa_sigaction(signal_number, info, context);
        } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
            previous.sa_handler(signal_number);
        }
    }
    /* A real fault re-executes its instruction on return and dies by the default action; a
     * signal sent with kill() or raise() (si_code <= 0) must be raised again to take effect. */
    (void)signal(signal_number, SIG_DFL);
    if (info == NULL || info->si_code <= 0) (void)raise(signal_number);
}

/* Step 1, before `newterm`: remember the terminal modes the shell had. */
static inline void alexnet_save_shell_modes(void) {
    (void)tcgetattr(STDIN_FILENO, &alexnet_crash_state()->shell_modes);
}

static inline void alexnet_append_capability(const char *name) {
    struct alexnet_crash_restore *state = alexnet_crash_state();
    char *text = tigetstr(name);
    if (text == NULL || text == (char *)-1) return;
    size_t length = strlen(text);
    if (state->length + length >= sizeof state->text) return;
    memcpy(state->text + state->length, text, length);
    state->length += length;
}

/* Step 2, once curses runs: prepare the strings that leave curses mode (`first`, which the
 * explorer itself sent to switch modes on, such as mouse reporting; then attributes off, keypad
 * off, cursor visible, main screen from the terminal's own entry), and install the handlers. */
static inline void alexnet_arm_crash_restore(const char *first) {
    struct alexnet_crash_restore *state = alexnet_crash_state();
    size_t first_length = strlen(first);
    state->length = first_length < sizeof state->text ? first_length : 0;
    memcpy(state->text, first, state->length);
    alexnet_append_capability("sgr0");
    alexnet_append_capability("rmkx");
    alexnet_append_capability("cnorm");
    alexnet_append_capability("rmcup");
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_sigaction = alexnet_restore_after_crash;
    action.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    for (size_t i = 0; i < ALEXNET_FATAL_SIGNAL_COUNT; i++) {
        (void)sigaction(alexnet_fatal_signals[i], &action, &state->previous[i]);
    }
    state->armed = 1;
}

/* After `endwin`: the terminal is the shell's again; give the signals back. */
static inline void alexnet_disarm_crash_restore(void) {
    struct alexnet_crash_restore *state = alexnet_crash_state();
    if (!state->armed) return;
    state->armed = 0;
    for (size_t i = 0; i < ALEXNET_FATAL_SIGNAL_COUNT; i++) {
        (void)sigaction(alexnet_fatal_signals[i], &state->previous[i], NULL);
    }
}

#endif
