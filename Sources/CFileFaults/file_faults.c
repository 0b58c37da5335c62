#include "file_faults.h"

#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

/* A weights file and an image are the most this program maps at once. */
#define SLOT_COUNT 32
/* "alexnet-tui: error: " + a path (PATH_MAX 4096 at most) + the reason. */
#define LINE_CAPACITY 4352

enum slot_state { SLOT_FREE, SLOT_FILLING, SLOT_LISTED };

struct slot {
    /* Written by `add` and `remove` (any thread), read by the handler: a slot's range and line
     * are written only while it is not LISTED, and published by the release store of LISTED. */
    _Atomic int state;
    uintptr_t start;
    size_t length;
    size_t line_length;
    char line[LINE_CAPACITY];
};

static struct slot slots[SLOT_COUNT];
/* Set by the first thread to report: threads that fault on the file at the same time (the
 * kernels read weights on both cores) must not print the line twice. */
static _Atomic int reporting;
static struct sigaction previous_action;
static int fault_exit_status = 1;

static void report_file_fault(int signal_number, siginfo_t *info, void *context) {
    /* si_code > 0: a fault of the CPU, whose si_addr is the address read; not a kill(). */
    if (info != NULL && info->si_code > 0) {
        uintptr_t address = (uintptr_t)info->si_addr;
        for (int i = 0; i < SLOT_COUNT; i++) {
            struct slot *slot = &slots[i];
            if (atomic_load_explicit(&slot->state, memory_order_acquire) != SLOT_LISTED) continue;
            if (address - slot->start >= slot->length) continue;
            if (atomic_exchange(&reporting, 1) == 0) {
                (void)write(STDERR_FILENO, slot->line, slot->line_length);
                _exit(fault_exit_status);
            }
            /* Another thread is reporting and about to end the process. */
            for (;;) pause();
        }
    }
    /* Not a listed file: a crash, reported as before. */
    (void)sigaction(signal_number, &previous_action, NULL);
    if ((previous_action.sa_flags & SA_SIGINFO) && previous_action.sa_sigaction != NULL) {
        previous_action.sa_sigaction(signal_number, info, context);
    } else if (previous_action.sa_handler != SIG_DFL && previous_action.sa_handler != SIG_IGN) {
        previous_action.sa_handler(signal_number);
    }
    /* A real fault re-executes its instruction on return and meets the previous disposition; a
     * signal sent with kill() or raise() must be raised again to take effect. */
    if (info == NULL || info->si_code <= 0) (void)raise(signal_number);
}

int alexnet_file_faults_install(int exit_status) {
    fault_exit_status = exit_status;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_sigaction = report_file_fault;
    /* SA_NODEFER: a fault inside the handler of the previous owner must not deadlock. */
    action.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
    return sigaction(SIGBUS, &action, &previous_action);
}

int alexnet_file_faults_add(const void *start, size_t length, const char *line, size_t line_length) {
    if (line_length > LINE_CAPACITY) return -1;
    for (int i = 0; i < SLOT_COUNT; i++) {
        struct slot *slot = &slots[i];
        int expected = SLOT_FREE;
        if (!atomic_compare_exchange_strong(&slot->state, &expected, SLOT_FILLING)) continue;
        slot->start = (uintptr_t)start;
        slot->length = length;
        memcpy(slot->line, line, line_length);
        slot->line_length = line_length;
        atomic_store_explicit(&slot->state, SLOT_LISTED, memory_order_release);
        return 0;
    }
    return -1;
}

void alexnet_file_faults_remove(const void *start) {
    for (int i = 0; i < SLOT_COUNT; i++) {
        struct slot *slot = &slots[i];
        if (atomic_load_explicit(&slot->state, memory_order_acquire) == SLOT_LISTED
            && slot->start == (uintptr_t)start) {
            atomic_store_explicit(&slot->state, SLOT_FREE, memory_order_release);
            return;
        }
    }
}
