package scoring

import "hash/maphash"

// peopleTable maps each patient label to the patient's series, one per
// instrument. It is the cohort's hot path: a national export looks up
// millions of people, and with Go's map of strings half of the pairing's
// time went in cache misses, one on the map's group and one on the key's
// bytes elsewhere in memory. Here a short label is compared inside its
// entry, so a lookup touches one cache line, and the table holds no
// pointers, so the garbage collector never scans it. Every label is also
// kept once in labels, in order of first appearance, for the series to
// name their patient.
type peopleTable struct {
	entries []person // a power of two long; open addressing, linear probing
	n       int
	// labels holds the labels in chunks of labelChunk bytes (a longer
	// label has a chunk of its own), so that keeping millions never copies
	// them: an offset is chunk*labelChunk + position.
	labels [][]byte
	// ahead makes the next, doubled table ahead once the table is
	// five-eighths full: it is needed at three quarters.
	ahead prefaulted[person]
}

// labelChunk is the size of a chunk of labels.
const labelChunk = 1 << 20

// inlineLabel is the longest label compared inside its entry: pseudonymous
// identifiers (an NHS-style number, a local "ID2023433") fit.
const inlineLabel = 16

// person is one entry of a peopleTable.
type person struct {
	// hash is the label's hash with the top bit set (the low bits choose
	// where its search starts); 0 marks a free entry.
	hash uint64
	// series holds the patient's series by instrument (indexed as
	// Instruments()), each as its index + 1 (0: none yet).
	series [3]int32
	// size is the label's length in bytes, off where it starts in labels.
	size uint32
	off  uint64
	// key is the label again when it fits, to compare it without going to
	// labels.
	key [inlineLabel]byte
}

// newPeopleTable returns an empty table.
func newPeopleTable() peopleTable {
	return peopleTable{entries: make([]person, 1<<12)}
}

// labelSeed seeds the hash of labels. Every table shares it, so that a
// label hashes alike in a cohort, in its temporary files and in the
// tables that pair them.
var labelSeed = maphash.MakeSeed()

// hashOf returns the hash of label s as the table stores it.
func (t *peopleTable) hashOf(s string) uint64 { return maphash.String(labelSeed, s) | 1<<63 }

// touch reads the entry where the search for hash h starts. It does
// nothing useful by itself: called for a batch of labels before they are
// looked up, it lets the processor fetch their entries from memory all at
// once rather than one miss after another. It reads the entry's first and
// last bytes, since an entry (48 bytes) lies across two of the
// processor's 64-byte lines half the time, and the label it compares is
// at its end.
func (t *peopleTable) touch(h uint64) uint64 {
	e := &t.entries[h&uint64(len(t.entries)-1)]
	return e.hash + uint64(e.key[inlineLabel-1])
}

// get returns the entry of label s with hash h, adding it when new (and
// saying so). The pointer is valid until the next get.
func (t *peopleTable) get(h uint64, s string) (*person, bool) {
	mask := uint64(len(t.entries) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		e := &t.entries[i]
		if e.hash == 0 {
			if 4*(t.n+1) > 3*len(t.entries) {
				t.grow()
				return t.get(h, s)
			}
			if 8*(t.n+1) > 5*len(t.entries) {
				t.ahead.prepare(2 * len(t.entries))
			}
			t.n++
			e.hash, e.size, e.off = h, uint32(len(s)), t.keep(s)
			copy(e.key[:], s)
			return e, true
		}
		if e.hash == h && int(e.size) == len(s) && t.same(e, s) {
			return e, false
		}
	}
}

// same reports whether entry e holds label s (of the same length).
func (t *peopleTable) same(e *person, s string) bool {
	if len(s) <= inlineLabel {
		return string(e.key[:len(s)]) == s
	}
	return string(t.bytes(e.off, e.size)) == s
}

// keep stores label s and returns its offset.
func (t *peopleTable) keep(s string) uint64 {
	n := len(t.labels)
	if n == 0 || len(t.labels[n-1])+len(s) > cap(t.labels[n-1]) {
		t.labels = append(t.labels, make([]byte, 0, max(labelChunk, len(s))))
		n++
	}
	c := &t.labels[n-1]
	off := uint64(n-1)*labelChunk + uint64(len(*c))
	*c = append(*c, s...)
	return off
}

// bytes returns the size bytes of the label at off.
func (t *peopleTable) bytes(off uint64, size uint32) []byte {
	c, at := off/labelChunk, off%labelChunk
	return t.labels[c][at : at+uint64(size)]
}

// grow doubles the table.
func (t *peopleTable) grow() {
	old := t.entries
	t.entries = t.ahead.take(2 * len(old))
	mask := uint64(len(t.entries) - 1)
	for k := range old {
		e := &old[k]
		if e.hash == 0 {
			continue
		}
		i := e.hash & mask
		for t.entries[i].hash != 0 {
			i = (i + 1) & mask
		}
		t.entries[i] = *e
	}
}
