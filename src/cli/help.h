/*
 * help.h - `regdoc COMMAND --help`: the help of each command (the whole reference is
 * the man page, doc/regdoc.1; tests/man/check.sh keeps the two in step).
 */
#ifndef REGDOC_CLI_HELP_H
#define REGDOC_CLI_HELP_H

#include <stdio.h>

/* Print the help of command name to f. Returns 0, or -1 when there is no such command. */
int help_command(const char *name, FILE *f);

#endif
