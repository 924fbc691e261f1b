/* model.h - the `oasview model` subcommand (src/cli/model.c). */
#ifndef OASV_CLI_MODEL_H
#define OASV_CLI_MODEL_H

/** Run `oasview model FILE` (argv starts after "model"); returns the exit status. */
int oasv_cli_model(int argc, char **argv);

#endif
