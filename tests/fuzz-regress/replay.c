/*
 * replay.c - run a fuzz target's LLVMFuzzerTestOneInput over files, without libFuzzer.
 *
 * Linked with one fuzz/fuzz_*.c by tests/CMakeLists.txt (the ordinary gcc or clang
 * build, optionally with the sanitizers or under valgrind): every argument is a file
 * or a folder of files (names starting with "." and README* are skipped), each file
 * one input. A crash, a sanitizer report or a broken invariant (abort) fails the run.
 * Prints how many inputs ran.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/diag.h"
#include "util/fsio.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned long ran;

static int run_file(const char *path)
{
	diag d;
	char *buf;
	size_t len;
	diag_init(&d, stderr);
	/* 64 MiB: bigger than any input the targets take whole */
	if (fsio_read_file(path, 64u * 1024u * 1024u, &buf, &len, &d) != 0)
		return -1;
	LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
	free(buf);
	ran++;
	return 0;
}

static int run_path(const char *path)
{
	struct stat st;
	fsio_names names;
	diag d;
	int rc = 0;
	if (stat(path, &st) != 0) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path);
	diag_init(&d, stderr);
	if (fsio_list_dir(path, &names, &d) != 0)
		return -1;
	for (size_t i = 0; i < names.n; i++) {
		char *p;
		if (names.v[i][0] == '.' || !strncmp(names.v[i], "README", 6))
			continue;
		p = fsio_join(path, names.v[i]);
		if (!p || run_path(p) != 0)
			rc = -1;
		free(p);
	}
	fsio_names_free(&names);
	return rc;
}

int main(int argc, char **argv)
{
	int rc = 0;
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE_OR_DIR...\n", argv[0]);
		return 2;
	}
	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++)
		if (run_path(argv[i]) != 0)
			rc = 1;
	printf("%s: %lu inputs replayed\n", argv[0], ran);
	return rc;
}
