/* SPDX-License-Identifier: GPL-2.0 */
#ifndef GMT_BITS_BPF_H
#define GMT_BITS_BPF_H

/* floor(log2(v)), 0 for v <= 1: the histogram slot of a value. */
static __always_inline unsigned int log2l(unsigned long long v)
{
	unsigned int r = 0, shift;

	shift = (v > 0xffffffffULL) << 5;
	v >>= shift;
	r |= shift;
	shift = (v > 0xffff) << 4;
	v >>= shift;
	r |= shift;
	shift = (v > 0xff) << 3;
	v >>= shift;
	r |= shift;
	shift = (v > 0xf) << 2;
	v >>= shift;
	r |= shift;
	shift = (v > 0x3) << 1;
	v >>= shift;
	r |= shift;
	return r | (unsigned int)(v >> 1);
}

#endif
