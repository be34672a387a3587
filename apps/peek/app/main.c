/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A block from newlib's malloc, in libc's compartment (this one), handed to another compartment:
 * under mpk its read faults, and the report names newlib's heap (tests/test_newuser.py).  With
 * [heap] libc = "shared" the heap is in the shared memory and the read succeeds.
 */
#include <stdlib.h>
#include <string.h>
#include <bulkhead/console.h>

int peek_byte(const char *p);   /* compartment of the peek component */

int main(void)
{
	char *block = malloc(64);
	if (!block)
		return 1;
	memset(block, 'n', 64);
	bh_printf("peek: handing a block of newlib's heap to another compartment\n");
	bh_printf("peek: it read '%c'\n", peek_byte(block + 8));
	free(block);
	return 0;
}
