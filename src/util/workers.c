/* MAP_ANONYMOUS and open_memstream beside _POSIX_C_SOURCE (CMakeLists.txt) */
#define _DEFAULT_SOURCE
#include "util/workers.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fsio.h"

/* What became of one task, in memory every process shares. */
typedef struct task_result {
	int done;        /* its process finished it (and sends its messages) */
	int rc;
	int sys_error;
	int interrupted; /* it saw the interrupt flag: its process takes no more */
	int no_memory;   /* its messages could not be kept */
	int again;       /* WORKERS_AGAIN: the caller runs it again */
	size_t errors, warnings;
	double seconds;
} task_result;

typedef struct shared {
	atomic_size_t next; /* the next task to take */
	task_result r[];
} shared;

struct workers {
	size_t n;
	workers_task fn;
	void *ctx;
	shared *sh;
	size_t shsize;
	size_t nproc;
	pid_t *pid;
	int *fd;     /* the read end of each worker's pipe (its tasks' messages) */
	char **text; /* each task's messages, as its diag printed them */
	size_t *len;
};

/* Task i with its messages kept in *text, *len (malloc'd) and its result in *r. */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void run_captured(workers *w, size_t i, const diag *like, char **text, size_t *len,
                         task_result *r)
{
	diag td;
	FILE *f;
	double t0 = now();
	*text = NULL;
	*len = 0;
	f = like->out ? open_memstream(text, len) : NULL;
	diag_init(&td, f);
	td.max_printed = 0; /* the cap is the caller's, applied when they are reported */
	td.werror = like->werror;
	td.verbose = like->verbose;
	td.interrupt = like->interrupt;
	if (like->out && !f) {
		r->no_memory = 1;
		r->rc = -1;
	} else {
		r->rc = w->fn(w->ctx, i, &td);
	}
	if (f && fclose(f) != 0)
		r->no_memory = 1;
	r->errors = td.errors;
	r->warnings = td.warnings;
	r->sys_error = td.sys_error;
	r->interrupted = td.interrupted;
	r->seconds = now() - t0;
	r->done = 1;
}

static void free_workers(workers *w)
{
	for (size_t i = 0; w->text && i < w->n; i++)
		free(w->text[i]);
	free(w->text);
	free(w->len);
	free(w->pid);
	free(w->fd);
	if (w->sh)
		munmap(w->sh, w->shsize);
	free(w);
}

/* A worker process: tasks until none is left, then their messages to fd as records
 * (task number, length, bytes). Never returns. */
static void worker_main(workers *w, int fd, const diag *like)
{
	buf out;
	buf_init(&out);
	for (;;) {
		size_t i = atomic_fetch_add(&w->sh->next, 1), len;
		char *text;
		if (i >= w->n)
			break;
		run_captured(w, i, like, &text, &len, &w->sh->r[i]);
		if (w->sh->r[i].rc == WORKERS_AGAIN) {
			w->sh->r[i].again = 1;
			len = 0; /* the caller's run reports it */
		}
		buf_append(&out, (const char *)&i, sizeof i);
		buf_append(&out, (const char *)&len, sizeof len);
		if (len)
			buf_append(&out, text, len);
		free(text);
		if (w->sh->r[i].interrupted)
			break;
	}
	free_workers(w); /* this process's copy: what it owns here is freed */
	{
		int bad = out.oom || fsio_write_all(fd, out.s ? out.s : "", out.len) != 0;
		buf_free(&out);
		close(fd);
		/* no atexit handlers, no stdio flush: those are the caller's */
		_exit(bad ? 1 : 0);
	}
}

workers *workers_start(size_t n, unsigned jobs, workers_task fn, void *ctx, diag *d)
{
	workers *w = calloc(1, sizeof *w);
	/* one task: a fork and its copy-on-write faults cost what it would save */
	size_t want = jobs > 1 && n > 1 ? (jobs - 1 < n ? jobs - 1 : n) : 0;
	if (!w) {
		diag_sys(d, NULL, "cannot start the build's tasks", ENOMEM);
		return NULL;
	}
	w->n = n;
	w->fn = fn;
	w->ctx = ctx;
	if (!want)
		return w;
	w->shsize = sizeof(shared) + n * sizeof(task_result);
	w->sh = mmap(NULL, w->shsize, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	w->pid = calloc(want, sizeof *w->pid);
	w->fd = calloc(want, sizeof *w->fd);
	w->text = calloc(n, sizeof *w->text);
	w->len = calloc(n, sizeof *w->len);
	if (w->sh == MAP_FAILED || !w->pid || !w->fd || !w->text || !w->len) {
		if (w->sh == MAP_FAILED)
			w->sh = NULL;
		free_workers(w);
		diag_sys(d, NULL, "cannot start the build's tasks", ENOMEM);
		return NULL;
	}
	atomic_init(&w->sh->next, 0);
	/* what the caller printed must not be printed again by a copy of its buffers */
	fflush(NULL);
	for (size_t k = 0; k < want; k++) {
		int p[2];
		pid_t pid;
		if (pipe(p) != 0)
			break; /* fewer workers: this process does the rest */
		pid = fork();
		if (pid < 0) {
			close(p[0]);
			close(p[1]);
			break;
		}
		if (pid == 0) {
			close(p[0]);
			for (size_t m = 0; m < w->nproc; m++)
				close(w->fd[m]);
			worker_main(w, p[1], d);
		}
		close(p[1]);
		w->pid[w->nproc] = pid;
		w->fd[w->nproc++] = p[0];
	}
	return w;
}

/* Each task's records from the workers' pipes into w->text, until every pipe is
 * closed; when d's interrupt flag is seen, the workers are asked to stop (they finish
 * the task they are in and send what they did). */
static void collect(workers *w, diag *d)
{
	buf *in = calloc(w->nproc, sizeof *in);
	struct pollfd *pf = calloc(w->nproc, sizeof *pf);
	size_t open = w->nproc;
	int stopped = 0;
	char chunk[65536];
	for (size_t k = 0; in && pf && k < w->nproc; k++) {
		buf_init(&in[k]);
		pf[k].fd = w->fd[k];
		pf[k].events = POLLIN;
	}
	while (in && pf && open) {
		if (!stopped && diag_interrupted(d)) {
			for (size_t k = 0; k < w->nproc; k++)
				kill(w->pid[k], SIGTERM);
			stopped = 1;
		}
		if (poll(pf, w->nproc, 100) <= 0)
			continue; /* a signal, or 100 ms: look at the flag again */
		for (size_t k = 0; k < w->nproc; k++) {
			ssize_t got;
			if (pf[k].fd < 0 || !pf[k].revents)
				continue;
			got = read(pf[k].fd, chunk, sizeof chunk);
			if (got > 0) {
				buf_append(&in[k], chunk, (size_t)got);
			} else if (got == 0 || errno != EINTR) {
				pf[k].fd = -1; /* the end: the worker has sent all or died */
				open--;
			}
		}
	}
	for (size_t k = 0; in && k < w->nproc; k++) {
		size_t at = 0, i, len;
		while (!in[k].oom && in[k].len - at >= 2 * sizeof(size_t)) {
			memcpy(&i, in[k].s + at, sizeof i);
			memcpy(&len, in[k].s + at + sizeof i, sizeof len);
			at += 2 * sizeof(size_t);
			if (i >= w->n || len > in[k].len - at || w->text[i])
				break;
			if (len && (w->text[i] = malloc(len))) {
				memcpy(w->text[i], in[k].s + at, len);
				w->len[i] = len;
			} else if (len) {
				w->sh->r[i].no_memory = 1;
			}
			at += len;
		}
		buf_free(&in[k]);
	}
	if (!in || !pf) {
		diag_sys(d, NULL, "cannot read the build's tasks' messages", ENOMEM);
		/* unread, a worker would wait on a full pipe for ever: closed, its write fails */
		for (size_t k = 0; k < w->nproc; k++) {
			close(w->fd[k]);
			w->fd[k] = -1;
		}
	}
	free(in);
	free(pf);
}

/* Wait for every worker; an abnormal end is an error of the run. */
static void reap(workers *w, diag *d)
{
	for (size_t k = 0; k < w->nproc; k++) {
		int status;
		pid_t got;
		while ((got = waitpid(w->pid[k], &status, 0)) < 0 && errno == EINTR)
			;
		if (w->fd[k] >= 0)
			close(w->fd[k]);
		if (got < 0)
			diag_sys(d, NULL, "cannot wait for a worker process", errno);
		else if (WIFSIGNALED(status) && !d->interrupted)
			diag_report(d, DIAG_ERROR, NULL, 0,
			            "a worker process of the build was killed by signal %d", WTERMSIG(status));
		else if (WIFEXITED(status) && WEXITSTATUS(status) != 0 && !d->interrupted)
			diag_report(d, DIAG_ERROR, NULL, 0,
			            "a worker process of the build ended with status %d", WEXITSTATUS(status));
		if (got >= 0 && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
			d->sys_error = 1;
	}
}

int workers_finish(workers *w, workers_result *res, diag *d)
{
	int all = 0;
	if (!w)
		return -1;
	if (!w->nproc) { /* every task here, in order, printing as it goes */
		for (size_t i = 0; i < w->n; i++) {
			size_t warnings = d->warnings;
			double t0 = now();
			int r = diag_interrupted(d) ? -1 : w->fn(w->ctx, i, d);
			if (res) {
				res[i].rc = r;
				res[i].warnings = d->warnings - warnings;
				res[i].seconds = now() - t0;
			}
			if (r != 0)
				all = -1;
		}
		free_workers(w);
		return all;
	}
	while (!diag_interrupted(d)) {
		size_t i = atomic_fetch_add(&w->sh->next, 1);
		if (i >= w->n)
			break;
		run_captured(w, i, d, &w->text[i], &w->len[i], &w->sh->r[i]);
		if (w->sh->r[i].interrupted)
			break;
	}
	collect(w, d);
	reap(w, d);
	for (size_t i = 0; i < w->n && !d->interrupted; i++)
		if (w->sh->r[i].done && w->sh->r[i].again) {
			free(w->text[i]);
			memset(&w->sh->r[i], 0, sizeof w->sh->r[i]);
			run_captured(w, i, d, &w->text[i], &w->len[i], &w->sh->r[i]);
			if (w->sh->r[i].rc == WORKERS_AGAIN) /* not in this process: a mistake */
				w->sh->r[i].rc = -1;
		}
	/* in task order, as one process would have printed them */
	for (size_t i = 0; i < w->n; i++) {
		const task_result *r = &w->sh->r[i];
		int ri = r->done ? r->rc : -1;
		if (r->done) {
			diag from;
			diag_init(&from, NULL);
			from.errors = r->errors;
			from.warnings = r->warnings;
			from.sys_error = r->sys_error;
			diag_merge(d, w->text[i] ? w->text[i] : "", w->text[i] ? w->len[i] : 0, &from);
			if (r->no_memory)
				diag_sys(d, NULL, "cannot keep the messages of a task of the build", ENOMEM);
		}
		if (res) {
			res[i].rc = ri;
			res[i].warnings = r->done ? r->warnings : 0;
			res[i].seconds = r->done ? r->seconds : 0;
		}
		if (ri != 0)
			all = -1;
	}
	free_workers(w);
	return all;
}

unsigned workers_default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 1 ? (unsigned)(n > 64 ? 64 : n) : 1;
}
