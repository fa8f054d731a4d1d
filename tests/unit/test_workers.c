/*
 * test_workers.c - tasks shared with forked worker processes (util/workers.h): every
 * task runs once, whatever the number of processes; the messages come out in task
 * order, under the caller's cap, with the same counts as in one process; a task a worker
 * hands back (WORKERS_AGAIN) is run by the caller, its worker's messages dropped; a
 * worker that dies fails the run; an interrupted run stops its workers.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cmocka.h>

#include "util/workers.h"

#define NTASKS 40

/* What the tasks share: a counter per task in shared memory (how many times it ran,
 * in whichever process), and what to do. */
typedef struct tasks {
	int *runs;       /* shared: NTASKS counters */
	pid_t parent;
	int die_in_worker; /* a worker process ends itself (status 7) at its first task */
	unsigned sleep_us;  /* each task's time */
	int again;          /* tasks 0, 5, 10...: WORKERS_AGAIN in a worker */
} tasks;

static int task(void *ctx, size_t i, diag *d)
{
	tasks *t = ctx;
	__atomic_fetch_add(&t->runs[i], 1, __ATOMIC_SEQ_CST);
	if (t->die_in_worker && getpid() != t->parent)
		_exit(7);
	if (t->die_in_worker)
		usleep(5000); /* the caller leaves the worker time to take one */
	if (t->again && i % 5 == 0 && getpid() != t->parent) {
		diag_warning(d, "worker.xml", 1, "task %zu: said in a worker, dropped", i);
		return WORKERS_AGAIN;
	}
	if (i % 3 == 0)
		diag_warning(d, "product.xml", (unsigned long)i, "task %zu warns", i);
	if (i % 7 == 0) {
		diag_error(d, "product.xml", (unsigned long)i, "task %zu fails", i);
		return -1;
	}
	diag_report(d, DIAG_NOTE, NULL, 0, "task %zu done", i);
	usleep(t->sleep_us); /* long enough for the processes to interleave */
	return diag_interrupted(d) ? -1 : 0;
}

static void setup_tasks(tasks *t)
{
	memset(t, 0, sizeof *t);
	t->runs = mmap(NULL, NTASKS * sizeof(int), PROT_READ | PROT_WRITE,
	               MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	assert_true(t->runs != MAP_FAILED);
	memset(t->runs, 0, NTASKS * sizeof(int));
	t->parent = getpid();
	t->sleep_us = 1000;
}

/* Run the tasks in jobs processes; the text printed, the diag's counts in *d. */
static char *run(unsigned jobs, size_t cap, tasks *t, diag *d, workers_result *res, int *rc)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	workers *w;
	assert_non_null(f);
	diag_init(d, f);
	d->max_printed = cap;
	w = workers_start(NTASKS, jobs, task, t, d);
	assert_non_null(w);
	*rc = workers_finish(w, res, d);
	d->out = NULL;
	fclose(f);
	return s;
}

static void test_same_messages_any_jobs(void **state)
{
	char *one, *many;
	diag d1, dn;
	int rc1, rcn;
	workers_result r1[NTASKS], rn[NTASKS];
	tasks t;
	(void)state;
	setup_tasks(&t);
	one = run(1, 0, &t, &d1, r1, &rc1);
	for (size_t i = 0; i < NTASKS; i++)
		assert_int_equal(t.runs[i], 1);
	many = run(4, 0, &t, &dn, rn, &rcn);
	for (size_t i = 0; i < NTASKS; i++)
		assert_int_equal(t.runs[i], 2); /* once more each, in some process */
	assert_string_equal(one, many);
	assert_int_equal(rc1, -1);
	assert_int_equal(rcn, -1);
	assert_int_equal(d1.errors, dn.errors);
	assert_int_equal(d1.warnings, dn.warnings);
	assert_int_equal(dn.errors, (NTASKS + 6) / 7);
	assert_int_equal(dn.warnings, (NTASKS + 2) / 3);
	for (size_t i = 0; i < NTASKS; i++) {
		assert_int_equal(r1[i].rc, rn[i].rc);
		assert_int_equal(rn[i].rc, i % 7 == 0 ? -1 : 0);
		assert_int_equal(rn[i].warnings, i % 3 == 0 ? 1 : 0);
	}
	/* in task order: task 1's note before task 2's */
	assert_non_null(strstr(many, "regdoc: note: task 1 done\nregdoc: note: task 2 done\n"));
	assert_non_null(strstr(many, "product.xml:39: warning: task 39 warns\n"));
	free(one);
	free(many);
	munmap(t.runs, NTASKS * sizeof(int));
}

static void test_cap_applies_across_processes(void **state)
{
	char *one, *many;
	diag d1, dn;
	int rc1, rcn;
	tasks t;
	(void)state;
	setup_tasks(&t);
	one = run(1, 10, &t, &d1, NULL, &rc1);
	many = run(3, 10, &t, &dn, NULL, &rcn);
	assert_string_equal(one, many);
	assert_int_equal(dn.printed, 10);
	assert_int_equal(d1.errors + d1.warnings, dn.errors + dn.warnings);
	free(one);
	free(many);
	munmap(t.runs, NTASKS * sizeof(int));
}

static void test_worker_that_dies_fails_the_run(void **state)
{
	char *text;
	diag d;
	int rc, ran = 0, lost = -1;
	workers_result res[NTASKS];
	tasks t;
	(void)state;
	setup_tasks(&t);
	t.die_in_worker = 1;
	text = run(2, 0, &t, &d, res, &rc);
	assert_int_equal(rc, -1);
	assert_non_null(
		strstr(text, "regdoc: error: a worker process of the build ended with status 7\n"));
	assert_true(d.sys_error);
	for (int i = 0; i < NTASKS; i++) {
		char done[32], fails[32];
		ran += t.runs[i];
		snprintf(done, sizeof done, "task %d done\n", i);
		snprintf(fails, sizeof fails, "task %d fails\n", i);
		if (!strstr(text, done) && !strstr(text, fails)) { /* nothing said of it */
			assert_int_equal(lost, -1);
			lost = i;
		}
	}
	assert_int_equal(ran, NTASKS); /* the lost one was started, in the worker */
	assert_true(lost >= 0);
	assert_int_equal(res[lost].rc, -1);
	assert_int_equal(res[lost].warnings, 0);
	free(text);
	munmap(t.runs, NTASKS * sizeof(int));
}

/* A task a worker hands back (WORKERS_AGAIN) is run again by the caller: its result
 * and messages are the caller's run's, the worker's are dropped. */
static void test_again_runs_in_the_caller(void **state)
{
	char *one, *many;
	diag d1, dn;
	int rc1, rcn;
	workers_result r1[NTASKS], rn[NTASKS];
	tasks t;
	(void)state;
	setup_tasks(&t);
	t.again = 1;
	one = run(1, 0, &t, &d1, r1, &rc1);
	many = run(3, 0, &t, &dn, rn, &rcn);
	assert_string_equal(one, many);
	assert_null(strstr(many, "dropped"));
	assert_int_equal(d1.warnings, dn.warnings);
	assert_int_equal(d1.errors, dn.errors);
	for (size_t i = 0; i < NTASKS; i++) {
		assert_int_equal(r1[i].rc, rn[i].rc);
		assert_true(t.runs[i] >= 2 && t.runs[i] <= (i % 5 == 0 ? 3 : 2));
	}
	free(one);
	free(many);
	munmap(t.runs, NTASKS * sizeof(int));
}

static volatile sig_atomic_t interrupt_flag;

static void on_term(int sig)
{
	interrupt_flag = sig;
}

/* As the CLI has it: SIGTERM sets the flag. The caller's flag is set (a signal to it
 * alone); it stops its workers, which see the signal in their own copy of the flag,
 * stop after the task they are in and send what they did. */
static void test_interrupt_stops_every_process(void **state)
{
	struct sigaction sa, old;
	char *s = NULL;
	size_t n = 0, ran = 0;
	FILE *f = open_memstream(&s, &n);
	diag d;
	workers *w;
	int rc;
	tasks t;
	(void)state;
	setup_tasks(&t);
	t.sleep_us = 20000;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	assert_int_equal(sigaction(SIGTERM, &sa, &old), 0);
	interrupt_flag = 0;
	diag_init(&d, f);
	d.interrupt = &interrupt_flag;
	w = workers_start(NTASKS, 3, task, &t, &d);
	assert_non_null(w);
	interrupt_flag = SIGTERM;
	rc = workers_finish(w, NULL, &d);
	sigaction(SIGTERM, &old, NULL);
	fclose(f);
	assert_int_equal(rc, -1);
	assert_true(d.interrupted);
	assert_true(d.sys_error);
	for (size_t i = 0; i < NTASKS; i++)
		ran += (size_t)t.runs[i];
	assert_true(ran < NTASKS / 2);
	assert_non_null(strstr(s, "interrupted by signal 15"));
	assert_null(strstr(s, "worker process")); /* they ended as asked */
	free(s);
	munmap(t.runs, NTASKS * sizeof(int));
}

static void test_merge_keeps_counts_and_cap(void **state)
{
	diag d, from;
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	const char text[] = "a.md:1: error: one\na.md:2: warning: two\nregdoc: note: three\n";
	(void)state;
	diag_init(&d, f);
	d.max_printed = 2;
	diag_init(&from, NULL);
	from.errors = 1;
	from.warnings = 1;
	from.sys_error = 1;
	diag_merge(&d, text, sizeof text - 1, &from);
	fclose(f);
	assert_string_equal(s, "a.md:1: error: one\na.md:2: warning: two\n");
	assert_int_equal(d.printed, 2);
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.warnings, 1);
	assert_true(d.sys_error);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_messages_any_jobs),
		cmocka_unit_test(test_cap_applies_across_processes),
		cmocka_unit_test(test_worker_that_dies_fails_the_run),
		cmocka_unit_test(test_again_runs_in_the_caller),
		cmocka_unit_test(test_interrupt_stops_every_process),
		cmocka_unit_test(test_merge_keeps_counts_and_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
