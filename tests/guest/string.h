/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few string functions the kernel uses (and gcc may call for struct
 * copies and clears, even freestanding).
 */
#ifndef GUEST_STRING_H
#define GUEST_STRING_H

#include <stddef.h>

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

#endif /* GUEST_STRING_H */
