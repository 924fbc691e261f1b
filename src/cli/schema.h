/* schema.h - the `oasview schema` subcommand (src/cli/schema.c). */
#ifndef OASV_CLI_SCHEMA_H
#define OASV_CLI_SCHEMA_H

/** Run `oasview schema ARGS...` (argv starts after "schema"); returns the exit status. */
int oasv_cli_schema(int argc, char **argv);

#endif
