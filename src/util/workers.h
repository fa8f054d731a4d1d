/*
 * workers.h - a list of tasks shared between this process and forked copies of it.
 *
 * Owns: the worker processes (fork, never exec: each is a copy of the caller with
 * everything it had loaded), which task each runs next (a counter in shared memory,
 * so the processes balance themselves), and the order of the tasks' diagnostics: they
 * are printed as if the tasks had run one after the other in this process, in task
 * order, whatever process ran each. A run with one job or one task forks nothing and
 * runs every task here, printing as it goes: the same output, the same messages.
 *
 * A task writes only files no other task writes, and changes nothing in memory that
 * the caller reads afterwards: what a worker process changes in memory is lost. Its
 * result is its return value and its diagnostics. The caller may do other work between
 * workers_start and workers_finish; the workers run meanwhile.
 *
 * Signals: a worker inherits the caller's handlers (and diag's interrupt flag). When
 * the caller is interrupted, workers_finish stops the workers (SIGTERM) and waits for
 * them. Nothing here is global: the state is the workers value.
 */
#ifndef REGDOC_UTIL_WORKERS_H
#define REGDOC_UTIL_WORKERS_H

#include <stddef.h>

#include "util/diag.h"

/* Task i of ctx's list, reporting to d; 0 or -1; or, in a worker process only,
 * WORKERS_AGAIN: what it found must be known to the caller (what a worker learns is
 * lost with it), so the caller runs the task again in its own process, and what the
 * worker reported of it is dropped. */
typedef int (*workers_task)(void *ctx, size_t i, diag *d);
#define WORKERS_AGAIN 2

typedef struct workers workers;

/* Tasks 0..n-1 of fn, ctx: with jobs > 1 and n > 1, min(jobs - 1, n) worker processes
 * start taking them now (fewer, or none, when fork fails: the caller runs the rest). NULL
 * without memory (diagnosed on d). */
workers *workers_start(size_t n, unsigned jobs, workers_task fn, void *ctx, diag *d);

/* What a task came to. */
typedef struct workers_result {
	int rc;          /* its return value; -1 also when its worker ended before it did */
	size_t warnings; /* the warnings it reported */
	double seconds;  /* its wall time, in the process that ran it */
} workers_result;

/* This process takes the tasks no worker has taken yet, then waits for the workers and
 * reports every task's diagnostics to d in task order; frees w. res[0..n) (or NULL):
 * what each task came to. 0 when every task returned 0. */
int workers_finish(workers *w, workers_result *res, diag *d);

/* How many processes a run may use by default: the processors online (1 when unknown). */
unsigned workers_default_jobs(void);

#endif
