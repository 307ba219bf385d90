package scoring

import (
	"bufio"
	"container/heap"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"unsafe"
)

// Spill says when a cohort moves what it holds to temporary files instead
// of memory, so that an export too big for the machine is paired all the
// same, more slowly, rather than failing.
type Spill struct {
	// Limit is about how many bytes the cohort (or an MHSDS file's
	// assembly, layout.Options.Assembly) may hold in memory; 0 keeps
	// everything in memory.
	Limit int64
	// Dir is the folder for the temporary files; "" is the system's.
	Dir string
}

// SpillError is a failure of the temporary files of a cohort, or of an
// MHSDS file's assembly, that outgrew its memory limit (a full disk, a
// folder that cannot be written).
type SpillError struct {
	// Dir is the folder the files were in, or were to be made in.
	Dir string
	// Err is what failed.
	Err error
}

func (e *SpillError) Error() string {
	return fmt.Sprintf("the ratings did not fit in the memory allowed, and the temporary files in %s failed: %v: free some space there, choose another folder (--temp-dir) or allow more memory (--memory)", e.Dir, e.Err)
}

func (e *SpillError) Unwrap() error { return e.Err }

// spillParts is how many partitions a spilled cohort is split into, by a
// hash of the patient's label: each is paired on its own, so a cohort 64
// times its memory limit still pairs within about that limit.
const spillParts = 64

// SpillAbove makes the cohort move what it holds to temporary files in sp.Dir
// once it holds more than about sp.Limit bytes, and take every later rating
// there too. Pairing then goes one partition of the patients at a time
// (grace hash partitioning), and the pairs come out in the same order and
// are the same as in memory. Call it before the first Add; call Close when
// done with the cohort, to remove the files.
func (c *Cohort) SpillAbove(sp Spill) {
	if sp.Limit > 0 {
		c.spill = &spill{limit: sp.Limit, dir: sp.Dir}
	}
}

// spiller is what a cohort asks of its temporary files. It is an interface
// so that a program that never lets a cohort spill (the browser's) does
// not carry the code.
type spiller interface {
	// active reports whether the cohort has moved to the files; over
	// whether holding held bytes should make it move; start moves it.
	active() bool
	over(held int64) bool
	start(c *Cohort)
	// rating takes a rating added after the move.
	rating(p pendingRating)
	// finish pairs what the files hold and returns the counts; each gives
	// the series as eachSeries does.
	finish(c *Cohort) Counts
	each(c *Cohort, f func(s *series, patient []byte, all []slot) error) error
	// close removes the files; failure returns their first failure.
	close() error
	failure() error
}

// Close removes the cohort's temporary files, if it made any.
func (c *Cohort) Close() error {
	if c.spill == nil {
		return nil
	}
	return c.spill.close()
}

// Err returns the first failure of the cohort's temporary files, or nil.
func (c *Cohort) Err() error {
	if c.spill == nil {
		return nil
	}
	return c.spill.failure()
}

// Spilled reports whether the cohort has moved to temporary files.
func (c *Cohort) Spilled() bool { return c.spill != nil && c.spill.active() }

func (sp *spill) active() bool         { return sp.on }
func (sp *spill) over(held int64) bool { return held > sp.limit }
func (sp *spill) failure() error       { return sp.err }

func (sp *spill) close() error {
	if sp.tmp == "" {
		return nil
	}
	for _, p := range sp.parts {
		if p.f != nil {
			p.f.Close()
		}
	}
	err := os.RemoveAll(sp.tmp)
	sp.tmp = ""
	return err
}

// held estimates the bytes the cohort holds in memory.
func (c *Cohort) held() int64 {
	return int64(len(c.people.entries))*int64(unsafe.Sizeof(person{})) +
		int64(len(c.blocks)*seriesBlock+len(c.slab))*int64(unsafe.Sizeof(series{})) +
		int64(len(c.people.labels))*labelChunk +
		int64(c.slots)*int64(unsafe.Sizeof(slot{})) + int64(len(c.all))*24
}

// spill is a cohort's temporary files.
type spill struct {
	limit int64
	dir   string
	tmp   string
	on    bool
	parts [spillParts]part
	err   error
	// finished is set once every partition has been paired into its run;
	// counts are then the cohort's.
	finished bool
	counts   Counts
	buf      []byte
}

// part is one partition: the ratings of the patients whose label hashes to
// it, then the same patients' series, paired, in order of first appearance.
type part struct {
	name, run string
	f         *os.File
	w         *bufio.Writer
}

// The kinds of record in a partition file.
const (
	recPerson = 'p' // a patient (a rating without a valid total)
	recRating = 'r' // a rating with a valid total
	recSeries = 's' // a series held in memory before the spill
)

func (sp *spill) fail(err error) {
	if sp.err == nil && err != nil {
		sp.err = &SpillError{Dir: sp.where(), Err: err}
	}
}

func (sp *spill) where() string {
	if sp.tmp != "" {
		return sp.tmp
	}
	if sp.dir != "" {
		return sp.dir
	}
	return os.TempDir()
}

// start writes everything the cohort holds to partition files and frees
// it: later ratings go straight to the files.
func (sp *spill) start(c *Cohort) {
	sp.on = true
	tmp, err := os.MkdirTemp(sp.dir, "honoscope-pairing-")
	if err != nil {
		sp.fail(err)
		return
	}
	sp.tmp = tmp
	for i := range sp.parts {
		p := &sp.parts[i]
		p.name = filepath.Join(tmp, fmt.Sprintf("part-%02d", i))
		p.run = p.name + ".pairs"
		if p.f, err = os.Create(p.name); err != nil {
			sp.fail(err)
			return
		}
		p.w = bufio.NewWriterSize(p.f, 64<<10)
	}
	// People first, then series: a series' patient is then known when it
	// is read back, and the series come in order of first appearance.
	for i := range c.people.entries {
		e := &c.people.entries[i]
		if e.hash != 0 && e.series == [3]int32{} {
			sp.record(recPerson, e.hash, c.people.bytes(e.off, e.size), nil)
		}
	}
	for i := int32(0); i < c.n; i++ {
		s := c.at(i)
		h := c.people.hashOf(string(c.people.bytes(s.label, s.size)))
		var all []slot
		if c.mode == Consecutive {
			all = c.all[i]
		}
		sp.series(h, c.people.bytes(s.label, s.size), s, all)
	}
	c.people = newPeopleTable()
	c.blocks, c.n, c.all, c.slots = nil, 0, nil, 0
}

// rating writes one added rating to its partition.
func (sp *spill) rating(p pendingRating) {
	if sp.err != nil {
		return
	}
	if sp.finished {
		sp.fail(errors.New("a rating was added after pairing began"))
		return
	}
	if !p.valid {
		sp.record(recPerson, p.hash, []byte(p.patient), nil)
		return
	}
	sp.record(recRating, p.hash, []byte(p.patient), func(b []byte) []byte {
		b = append(b, p.inst)
		return appendSlot(b, &p.slot)
	})
}

// series writes a series held in memory to its partition.
func (sp *spill) series(h uint64, label []byte, s *series, all []slot) {
	sp.record(recSeries, h, label, func(b []byte) []byte {
		b = append(b, s.inst)
		b = binary.LittleEndian.AppendUint32(b, uint32(s.first))
		b = binary.LittleEndian.AppendUint32(b, uint32(s.valid))
		if all == nil {
			b = appendSlot(b, &s.earliest)
			return appendSlot(b, &s.latest)
		}
		b = binary.AppendUvarint(b, uint64(len(all)))
		for i := range all {
			b = appendSlot(b, &all[i])
		}
		return b
	})
}

// record writes one record: kind, hash, label and what body appends.
func (sp *spill) record(kind byte, h uint64, label []byte, body func([]byte) []byte) {
	if sp.err != nil {
		return
	}
	b := append(sp.buf[:0], kind)
	b = binary.LittleEndian.AppendUint64(b, h)
	b = binary.AppendUvarint(b, uint64(len(label)))
	b = append(b, label...)
	if body != nil {
		b = body(b)
	}
	sp.buf = b
	_, err := sp.parts[(h>>40)%spillParts].w.Write(b)
	sp.fail(err)
}

// maxRecord bounds a label's length and a series' ratings read back from a
// temporary file, so that a damaged file is an error, not an attempt to
// allocate whatever its bytes say.
const maxRecord = 1 << 24

var errDamaged = errors.New("a temporary file was damaged: it does not read back as written")

// slotBytes is the size of a slot written to a file.
const slotBytes = 6*4 + MaxItems + 2

func appendSlot(b []byte, s *slot) []byte {
	for _, v := range [...]uint32{uint32(s.date), uint32(s.seq), uint32(s.line), s.team, s.setting, s.occasion} {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	for _, it := range s.items {
		b = append(b, byte(it))
	}
	return append(b, byte(s.problem), byte(s.period))
}

func readSlot(b []byte, s *slot) {
	u := func(i int) uint32 { return binary.LittleEndian.Uint32(b[4*i:]) }
	s.date, s.seq, s.line = Date(int32(u(0))), int32(u(1)), int32(u(2))
	s.team, s.setting, s.occasion = u(3), u(4), u(5)
	for i := range s.items {
		s.items[i] = Code(b[24+i])
	}
	s.problem, s.period = ProblemType(b[24+MaxItems]), Period(b[25+MaxItems])
}

// finish pairs each partition on its own, in memory, and writes its
// series, in order of first appearance, to the partition's run.
func (sp *spill) finish(c *Cohort) Counts {
	if !sp.finished {
		sp.pairParts(c)
	}
	return sp.counts
}

// pairParts pairs each partition, once.
func (sp *spill) pairParts(c *Cohort) {
	sp.finished = true
	sp.counts = Counts{Ratings: c.ratings}
	for i := range sp.parts {
		if sp.err != nil {
			return
		}
		p := &sp.parts[i]
		if p.w == nil {
			sp.fail(errors.New("the temporary files were not made"))
			return
		}
		sp.fail(p.w.Flush())
		sp.fail(p.f.Close())
		p.f, p.w = nil, nil
		if sp.err == nil {
			sp.fail(sp.pairPart(c, p))
		}
	}
}

// pairPart reads partition p into a cohort of its own and writes that
// cohort's series to p's run.
func (sp *spill) pairPart(c *Cohort, p *part) error {
	sub := &Cohort{mode: c.mode, ruleOf: c.ruleOf, people: newPeopleTable(), labels: c.labels, labelID: c.labelID,
		pending: make([]pendingRating, 0, pendingBatch)}
	f, err := os.Open(p.name)
	if err != nil {
		return err
	}
	r := bufio.NewReaderSize(f, 64<<10)
	err = sub.replay(r)
	f.Close()
	if err != nil {
		return err
	}
	if err := os.Remove(p.name); err != nil {
		return err
	}
	sub.place()
	for i := int32(0); i < sub.n; i++ {
		sp.counts.add(sub.at(i), c.mode)
	}
	sp.counts.People += sub.people.n
	out, err := os.Create(p.run)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(out, 64<<10)
	var b []byte
	for i := int32(0); i < sub.n; i++ {
		s := sub.at(i)
		if s.valid < 2 {
			continue
		}
		label := sub.people.bytes(s.label, s.size)
		b = binary.LittleEndian.AppendUint32(b[:0], uint32(s.first))
		b = append(b, s.inst)
		b = binary.LittleEndian.AppendUint32(b, uint32(s.valid))
		b = binary.AppendUvarint(b, uint64(len(label)))
		b = append(b, label...)
		if c.mode == Consecutive {
			all := sub.all[i]
			sort.SliceStable(all, func(a, b int) bool { return all[a].before(&all[b]) })
			b = binary.AppendUvarint(b, uint64(len(all)))
			for j := range all {
				b = appendSlot(b, &all[j])
			}
		} else {
			b = appendSlot(b, &s.earliest)
			b = appendSlot(b, &s.latest)
		}
		if _, err := w.Write(b); err != nil {
			out.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// replay adds the records of a partition file to the cohort.
func (c *Cohort) replay(r *bufio.Reader) error {
	var head [9]byte
	var body []byte
	for {
		if _, err := io.ReadFull(r, head[:]); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		kind, h := head[0], binary.LittleEndian.Uint64(head[1:])
		n, err := binary.ReadUvarint(r)
		if err != nil {
			return err
		}
		if n > maxRecord {
			return errDamaged
		}
		label := make([]byte, n)
		if _, err := io.ReadFull(r, label); err != nil {
			return err
		}
		switch kind {
		case recPerson:
			c.pending = append(c.pending, pendingRating{hash: h, patient: string(label)})
		case recRating:
			if body, err = readN(r, body, 1+slotBytes); err != nil {
				return err
			}
			p := pendingRating{hash: h, patient: string(label), inst: body[0], valid: true}
			readSlot(body[1:], &p.slot)
			if !c.sound(p.inst, &p.slot) {
				return errDamaged
			}
			c.pending = append(c.pending, p)
		case recSeries:
			if body, err = readN(r, body, 9); err != nil {
				return err
			}
			s := series{inst: body[0], first: int32(binary.LittleEndian.Uint32(body[1:])), valid: int32(binary.LittleEndian.Uint32(body[5:]))}
			var all []slot
			if c.mode == Consecutive {
				k, err := binary.ReadUvarint(r)
				if err != nil {
					return err
				}
				if k > maxRecord {
					return errDamaged
				}
				all = make([]slot, k)
				for i := range all {
					if body, err = readN(r, body, slotBytes); err != nil {
						return err
					}
					readSlot(body, &all[i])
					if !c.sound(s.inst, &all[i]) {
						return errDamaged
					}
				}
			} else {
				if body, err = readN(r, body, 2*slotBytes); err != nil {
					return err
				}
				readSlot(body, &s.earliest)
				readSlot(body[slotBytes:], &s.latest)
				if !c.sound(s.inst, &s.earliest) || !c.sound(s.inst, &s.latest) {
					return errDamaged
				}
			}
			if !c.sound(s.inst, nil) || s.valid < 1 {
				return errDamaged
			}
			c.place()
			c.restore(h, string(label), s, all)
		default:
			return errDamaged
		}
		if len(c.pending) == pendingBatch {
			c.place()
		}
	}
}

// sound reports whether an instrument index and a slot read back from a
// file can be what the cohort wrote: an index into its instruments and
// labels.
func (c *Cohort) sound(inst uint8, s *slot) bool {
	if int(inst) >= len(instruments) {
		return false
	}
	n := uint32(len(c.labels))
	return s == nil || (s.team < n && s.setting < n && s.occasion < n)
}

// restore adds a series written before the spill, with its patient.
func (c *Cohort) restore(h uint64, patient string, s series, all []slot) {
	e, _ := c.people.get(h, patient)
	if c.n%seriesBlock == 0 {
		c.blocks = append(c.blocks, make([]series, seriesBlock))
	}
	c.n++
	e.series[s.inst] = c.n
	s.label, s.size = e.off, e.size
	*c.at(c.n - 1) = s
	if c.mode == Consecutive {
		c.all = append(c.all, all)
		c.slots += len(all)
	}
}

func readN(r io.Reader, b []byte, n int) ([]byte, error) {
	if cap(b) < n {
		b = make([]byte, n)
	}
	b = b[:n]
	_, err := io.ReadFull(r, b)
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return b, err
}

// each gives the series of two or more ratings of every partition's run
// in order of first appearance, merging the runs.
func (sp *spill) each(c *Cohort, f func(s *series, patient []byte, all []slot) error) error {
	sp.finish(c)
	if sp.err != nil {
		return sp.err
	}
	var m runMerge
	defer m.close()
	for i := range sp.parts {
		f, err := os.Open(sp.parts[i].run)
		if err != nil {
			sp.fail(err)
			return sp.err
		}
		r := &run{f: f, r: bufio.NewReaderSize(f, 64<<10), consecutive: c.mode == Consecutive, c: c}
		m.all = append(m.all, r)
		if ok, err := r.next(); err != nil {
			sp.fail(err)
			return sp.err
		} else if ok {
			m.h = append(m.h, r)
		}
	}
	heap.Init(&m)
	for len(m.h) > 0 {
		r := m.h[0]
		if err := f(&r.s, r.label, r.all); err != nil {
			return err
		}
		ok, err := r.next()
		if err != nil {
			sp.fail(err)
			return sp.err
		}
		if ok {
			heap.Fix(&m, 0)
		} else {
			heap.Pop(&m)
		}
	}
	return nil
}

// run reads one partition's run, a series at a time.
type run struct {
	c           *Cohort
	f           *os.File
	r           *bufio.Reader
	consecutive bool
	s           series
	label       []byte
	all         []slot
	buf         []byte
}

// next reads the next series; false at the end of the run.
func (r *run) next() (bool, error) {
	if _, err := r.r.Peek(1); err == io.EOF {
		return false, nil
	}
	var err error
	if r.buf, err = readN(r.r, r.buf, 9); err != nil {
		return false, err
	}
	r.s = series{first: int32(binary.LittleEndian.Uint32(r.buf)), inst: r.buf[4], valid: int32(binary.LittleEndian.Uint32(r.buf[5:]))}
	if !r.c.sound(r.s.inst, nil) {
		return false, errDamaged
	}
	n, err := binary.ReadUvarint(r.r)
	if err != nil {
		return false, err
	}
	if n > maxRecord {
		return false, errDamaged
	}
	if r.label, err = readN(r.r, r.label, int(n)); err != nil {
		return false, err
	}
	if !r.consecutive {
		if r.buf, err = readN(r.r, r.buf, 2*slotBytes); err != nil {
			return false, err
		}
		readSlot(r.buf, &r.s.earliest)
		readSlot(r.buf[slotBytes:], &r.s.latest)
		if !r.c.sound(r.s.inst, &r.s.earliest) || !r.c.sound(r.s.inst, &r.s.latest) {
			return false, errDamaged
		}
		return true, nil
	}
	k, err := binary.ReadUvarint(r.r)
	if err != nil {
		return false, err
	}
	if k > maxRecord {
		return false, errDamaged
	}
	r.all = r.all[:0]
	for range k {
		if r.buf, err = readN(r.r, r.buf, slotBytes); err != nil {
			return false, err
		}
		var s slot
		readSlot(r.buf, &s)
		if !r.c.sound(r.s.inst, &s) {
			return false, errDamaged
		}
		r.all = append(r.all, s)
	}
	return true, nil
}

// runMerge is a heap of runs by the first appearance of their next series.
type runMerge struct {
	h   []*run
	all []*run
}

func (m *runMerge) Len() int           { return len(m.h) }
func (m *runMerge) Less(i, j int) bool { return m.h[i].s.first < m.h[j].s.first }
func (m *runMerge) Swap(i, j int)      { m.h[i], m.h[j] = m.h[j], m.h[i] }
func (m *runMerge) Push(x any)         { m.h = append(m.h, x.(*run)) }
func (m *runMerge) Pop() any {
	x := m.h[len(m.h)-1]
	m.h = m.h[:len(m.h)-1]
	return x
}

func (m *runMerge) close() {
	for _, r := range m.all {
		r.f.Close()
	}
}
