//go:build linux

package scoring

import "syscall"

// adviseHuge asks Linux to back b with huge pages (2 MB) where it can: the
// people table and the series are read at random, and with 4 KB pages
// nearly every look-up also misses the processor's table of pages. It is
// advice: where the system does not take it, nothing changes.
func adviseHuge(b []byte) {
	const madvHugepage = 14 // MADV_HUGEPAGE, linux/mman.h
	syscall.Madvise(b, madvHugepage)
}
