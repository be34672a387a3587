/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A program with the hosted signature, unchanged: main(int argc, char **argv, char **envp).  The
 * kernel calls it with argv {the image's name, the lines of the boot file /etc/argv if any, NULL},
 * envp {NULL} (kernel/main.c), whatever compartment the kernel is in; before, main received the
 * kernel's leftover registers (its compartment index as argc).  argv[0] is handed to another
 * compartment, which reads it, and written, as C allows; so is the last argument, if there are more.
 */
#include <bulkhead/console.h>

int peer_length(const char *s);   /* compartment of the peer */

int main(int argc, char **argv, char **envp)
{
	bh_printf("argv: argc %d\n", argc);
	if (argc < 1 || argc > 65)
		return 1;   /* not an argument count: do not touch argv */
	bh_printf("argv: argv[0] '%s', argv[argc] %s, envp[0] %s\n", argv[0], argv[argc] ? "set" : "NULL",
		  envp && !envp[0] ? "NULL" : "set");
	bh_printf("argv: the peer counts %d characters in argv[0]\n", peer_length(argv[0]));
	argv[0][0] = 'A';   /* C: "modifiable by the program" */
	bh_printf("argv: argv[0] written: '%c'\n", argv[0][0]);
	for (int i = 1; i < argc; i++)
		bh_printf("argv: argv[%d] '%s'\n", i, argv[i]);
	if (argc > 1)
		bh_printf("argv: the peer counts %d characters in argv[%d]\n", peer_length(argv[argc - 1]), argc - 1);
	return !argv[argc] && envp && !envp[0] ? 0 : 2;
}
