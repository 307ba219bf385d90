package layout

import (
	"bufio"
	"container/heap"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"honoscope/scoring"
)

// assemblyParts is how many parts the open ratings are split into once
// they outgrow the limit: each is assembled on its own, so a file 64 times
// the limit is assembled within about the limit.
const assemblyParts = 64

// openCost is about what an open rating takes beside its key: its codes,
// date, instrument, first line and the items seen (40 bytes), its map entry
// and its place in the order of first rows.
const openCost = 100

// openRating is a rating whose rows are still being read. Its person is
// the start of its key (mhsdsKey).
type openRating struct {
	line  int
	date  scoring.Date
	in    uint8 // in scoring.Instruments()
	seen  uint16
	codes [scoring.MaxItems]scoring.Code
}

// instrumentIndex is in's place in scoring.Instruments().
func instrumentIndex(in scoring.InstrumentID) uint8 {
	for i, x := range scoring.Instruments() {
		if x.ID == in {
			return uint8(i)
		}
	}
	panic("unknown instrument " + string(in)) // the item codes name only built-in instruments
}

// mhsdsKey is what the rows of one rating share: the person's label, the
// completion time as written, the instrument and the care activity,
// separated by NUL, which a label cannot hold (scoring.LabelProblem).
func mhsdsKey(label, stamp string, in scoring.InstrumentID, activity string) string {
	return label + "\x00" + stamp + "\x00" + string(in) + "\x00" + activity
}

// rating makes the assembled rating of key.
func (o *openRating) rating(key string) *scoring.Rating {
	label, _, _ := strings.Cut(key, "\x00")
	ins := scoring.Instruments()
	return &scoring.Rating{Patient: label, Date: o.date, Instrument: ins[int(o.in)%len(ins)], Items: o.codes, Line: o.line}
}

// assembler gathers an MHSDS file's rows into ratings, in memory until
// they outgrow the limit, then through temporary files.
type assembler struct {
	opt scoring.Spill
	// repeated is told a row whose item its rating already has.
	repeated func(line, item int)

	open  map[string]*openRating
	order []string // keys in the order of their first row
	held  int64

	// After the spill: the folder and its parts.
	tmp   string
	parts []*os.File
	w     []*bufio.Writer
}

func newAssembler(opt scoring.Spill, repeated func(line, item int)) *assembler {
	return &assembler{opt: opt, repeated: repeated, open: map[string]*openRating{}}
}

// row takes the code c of item (from 1) on line for the rating of key,
// which is on date and of instrument in.
func (a *assembler) row(key string, date scoring.Date, in scoring.InstrumentID, line, item int, c scoring.Code) error {
	x := openRating{line: line, date: date, in: instrumentIndex(in)}
	if a.tmp != "" {
		return a.record(key, &x, item, c)
	}
	a.take(a.open, &a.order, key, &x, item, c)
	if a.opt.Limit > 0 && a.held > a.opt.Limit {
		return a.spill()
	}
	return nil
}

// take adds a row to the open ratings in open: its line, date and
// instrument are in row.
func (a *assembler) take(open map[string]*openRating, order *[]string, key string, row *openRating, item int, c scoring.Code) {
	o := open[key]
	if o == nil {
		o = &openRating{line: row.line, date: row.date, in: row.in}
		for i := range o.codes {
			o.codes[i] = scoring.NotKnown
		}
		open[key] = o
		*order = append(*order, key)
		a.held += int64(len(key)) + openCost
	}
	bit := uint16(1) << (item - 1)
	if o.seen&bit != 0 {
		a.repeated(row.line, item)
		return
	}
	o.seen |= bit
	o.codes[item-1] = c
}

// spill moves the open ratings to the parts, in the order of their first
// rows; later rows follow them there.
func (a *assembler) spill() error {
	tmp, err := os.MkdirTemp(a.opt.Dir, "honoscope-mhsds-")
	if err != nil {
		return &scoring.SpillError{Dir: a.where(), Err: err}
	}
	a.tmp = tmp
	for i := 0; i < assemblyParts; i++ {
		f, err := os.Create(filepath.Join(tmp, fmt.Sprintf("part-%02d", i)))
		if err != nil {
			return &scoring.SpillError{Dir: tmp, Err: err}
		}
		a.parts = append(a.parts, f)
		a.w = append(a.w, bufio.NewWriterSize(f, 32<<10))
	}
	for _, k := range a.order {
		if err := writeOpen(a.w[partOf(k)], k, a.open[k]); err != nil {
			return &scoring.SpillError{Dir: tmp, Err: err}
		}
	}
	a.open, a.order, a.held = nil, nil, 0
	return nil
}

func (a *assembler) where() string {
	if a.opt.Dir != "" {
		return a.opt.Dir
	}
	return os.TempDir()
}

// partOf is the part of a rating's key: FNV-1a.
func partOf(key string) int {
	h := uint64(14695981039346656037)
	for i := 0; i < len(key); i++ {
		h ^= uint64(key[i])
		h *= 1099511628211
	}
	return int(h % assemblyParts)
}

// A record in a part: the key's length and bytes, the line, the date and
// the instrument, then the item (1-15) and its code for a row, or 0, the
// items seen and every code for a rating already open when the spill
// began.
func (a *assembler) record(key string, row *openRating, item int, c scoring.Code) error {
	w := a.w[partOf(key)]
	writeHead(w, key, row)
	w.WriteByte(byte(item))
	if err := w.WriteByte(byte(c)); err != nil {
		return &scoring.SpillError{Dir: a.tmp, Err: err}
	}
	return nil
}

// writeHead writes what every record starts with.
func writeHead(w *bufio.Writer, key string, o *openRating) {
	var b [binary.MaxVarintLen64]byte
	w.Write(b[:binary.PutUvarint(b[:], uint64(len(key)))])
	w.WriteString(key)
	w.Write(b[:binary.PutUvarint(b[:], uint64(o.line))])
	w.Write(b[:binary.PutVarint(b[:], int64(o.date))])
	w.WriteByte(o.in)
}

// writeOpen writes an open rating as a record.
func writeOpen(w *bufio.Writer, key string, o *openRating) error {
	writeHead(w, key, o)
	w.WriteByte(0)
	w.WriteByte(byte(o.seen))
	w.WriteByte(byte(o.seen >> 8))
	for _, c := range o.codes {
		w.WriteByte(byte(c))
	}
	_, err := w.Write(nil)
	return err
}

// readRecord reads the next record of a part: its key, and o with its
// line, date and instrument; for a row, its item and code, for an open
// rating (item 0) its items seen and codes in o. io.EOF after the last.
func readRecord(r *bufio.Reader, buf []byte) (key []byte, o openRating, item int, c scoring.Code, err error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, o, 0, 0, err
	}
	if cap(buf) < int(n) {
		buf = make([]byte, n)
	}
	key = buf[:n]
	if _, err = io.ReadFull(r, key); err != nil {
		return nil, o, 0, 0, unexpected(err)
	}
	l, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, o, 0, 0, unexpected(err)
	}
	d, err := binary.ReadVarint(r)
	if err != nil {
		return nil, o, 0, 0, unexpected(err)
	}
	var head [2]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return nil, o, 0, 0, unexpected(err)
	}
	o.line, o.date, o.in = int(l), scoring.Date(d), head[0]
	if kind := head[1]; kind != 0 {
		b, err := r.ReadByte()
		return key, o, int(kind), scoring.Code(b), unexpected(err)
	}
	var rest [2 + scoring.MaxItems]byte
	if _, err := io.ReadFull(r, rest[:]); err != nil {
		return nil, o, 0, 0, unexpected(err)
	}
	o.seen = uint16(rest[0]) | uint16(rest[1])<<8
	for i := range o.codes {
		o.codes[i] = scoring.Code(rest[2+i])
	}
	return key, o, 0, 0, nil
}

func unexpected(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

// finish calls use with every rating in the order of its first row, and
// returns how many there were.
func (a *assembler) finish(use func(*scoring.Rating)) (int, error) {
	if a.tmp == "" {
		// Each rating is let go once passed on, for the memory of whatever
		// takes them in.
		n := len(a.order)
		for i, k := range a.order {
			o := a.open[k]
			delete(a.open, k)
			a.order[i] = ""
			use(o.rating(k))
		}
		a.open, a.order = nil, nil
		return n, nil
	}
	defer a.close()
	// Each part is assembled on its own and written back, its ratings in
	// the order of their first rows; the parts are then merged by that
	// line, which gives the order of the whole file.
	done := make([]*os.File, len(a.parts))
	for i, f := range a.parts {
		out, err := a.assemblePart(i, f)
		if err != nil {
			return 0, &scoring.SpillError{Dir: a.tmp, Err: err}
		}
		done[i] = out
	}
	defer func() {
		for _, f := range done {
			f.Close()
		}
	}()
	return a.merge(done, use)
}

// close removes the temporary files, if any: after finish, or when the
// read stops early (a read failure, a failed spill), so that nothing is
// left behind either way. It may be called more than once.
func (a *assembler) close() {
	for _, f := range a.parts {
		f.Close()
	}
	a.parts = nil
	if a.tmp != "" {
		os.RemoveAll(a.tmp)
	}
}

// assemblePart reads part i back, gathers its rows into ratings and writes
// them to a file of their own, which it returns at its start.
func (a *assembler) assemblePart(i int, f *os.File) (*os.File, error) {
	if err := a.w[i].Flush(); err != nil {
		return nil, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	open := map[string]*openRating{}
	var order []string
	r := bufio.NewReaderSize(f, 32<<10)
	var buf []byte
	for {
		key, o, item, c, err := readRecord(r, buf)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		buf = key[:0]
		if item == 0 {
			k := string(key)
			open[k] = &o
			order = append(order, k)
			continue
		}
		a.take(open, &order, string(key), &o, item, c)
	}
	out, err := os.Create(f.Name() + ".ratings")
	if err != nil {
		return nil, err
	}
	w := bufio.NewWriterSize(out, 32<<10)
	for _, k := range order {
		if err := writeOpen(w, k, open[k]); err != nil {
			out.Close()
			return nil, err
		}
	}
	if err := w.Flush(); err != nil {
		out.Close()
		return nil, err
	}
	// The part's rows are no longer needed.
	f.Truncate(0)
	if _, err := out.Seek(0, io.SeekStart); err != nil {
		out.Close()
		return nil, err
	}
	return out, nil
}

// merge calls use with the assembled ratings of every part in the order
// of their first rows.
func (a *assembler) merge(parts []*os.File, use func(*scoring.Rating)) (int, error) {
	h := &byLine{}
	next := func(p *partReader) (bool, error) {
		key, o, _, _, err := readRecord(p.r, nil)
		if err == io.EOF {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		p.key, p.o = string(key), o
		return true, nil
	}
	for _, f := range parts {
		p := &partReader{r: bufio.NewReaderSize(f, 16<<10)}
		ok, err := next(p)
		if err != nil {
			return 0, &scoring.SpillError{Dir: a.tmp, Err: err}
		}
		if ok {
			*h = append(*h, p)
		}
	}
	heap.Init(h)
	n := 0
	for h.Len() > 0 {
		p := (*h)[0]
		use(p.o.rating(p.key))
		n++
		ok, err := next(p)
		if err != nil {
			return n, &scoring.SpillError{Dir: a.tmp, Err: err}
		}
		if ok {
			heap.Fix(h, 0)
		} else {
			heap.Pop(h)
		}
	}
	return n, nil
}

// partReader is a part's assembled ratings, with the next one read.
type partReader struct {
	r   *bufio.Reader
	key string
	o   openRating
}

// byLine is a heap of parts by the first line of their next rating.
type byLine []*partReader

func (h byLine) Len() int           { return len(h) }
func (h byLine) Less(i, j int) bool { return h[i].o.line < h[j].o.line }
func (h byLine) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *byLine) Push(x any)        { *h = append(*h, x.(*partReader)) }
func (h *byLine) Pop() any {
	old := *h
	p := old[len(old)-1]
	*h = old[:len(old)-1]
	return p
}
