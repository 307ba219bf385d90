//go:build !js

package scoring

import (
	"bytes"
	"io"
	"runtime"
)

func init() { readParallel = (*Reader).readParallel }

// parallelChunk is about how much of a file one parser takes at a time:
// enough to make handing over cheap (a few thousand rows), small enough
// that the chunks in flight and their ratings stay within the processor's
// larger cache and take little fresh memory, whose pages cost a fault
// each (measured on a million rows: 256 KB chunks took 0.37 s, 1 MB
// chunks 0.41 s).
const parallelChunk = 1 << 18

// chunk is a run of whole records of the file, after line lines.
type chunk struct {
	data  []byte
	line  int
	lines int // at least as many as data has records
	out   chan *parsed
}

// parsed is what a parser made of a chunk: the accepted ratings and, in
// file order, the problems, each placed by the number of accepted ratings
// before it (a rejection) or the rating it belongs to (a warning).
type parsed struct {
	ratings []Rating
	events  []rowEvent
	rows    int
}

type rowEvent struct {
	at  int
	err *RowError
}

// readParallel is ReadAll on several processor cores. One goroutine cuts
// the text into chunks of whole records (where each record ends, quoted
// cells over several lines included, as read would find it), parsers read
// chunks with readers of their own, and the caller's goroutine takes their
// results in file order. The once-a-file warning of a missing item13 column
// is given here, in order, so that it falls on the row it falls on when
// reading one row at a time.
func (rd *Reader) readParallel(o ReadOptions, use func(*Rating)) (ReadReport, error) {
	var rep ReadReport
	for _, w := range rd.warnings {
		rep.warn(&o, w)
	}
	workers := min(runtime.GOMAXPROCS(0), 4)
	size := rd.chunkSize
	if size == 0 {
		size = parallelChunk
	}
	jobs := make(chan *chunk)
	order := make(chan *chunk, 2*workers)
	buffers := make(chan []byte, 2*workers)
	results := make(chan *parsed, 3*workers)
	var readErr error
	go func() {
		defer close(jobs)
		defer close(order)
		readErr = rd.split(size, buffers, func(c *chunk) {
			c.out = make(chan *parsed, 1)
			order <- c
			jobs <- c
		})
	}()
	for range workers {
		go func() {
			w := rd.parser()
			w.borrow = o.Borrow
			for c := range jobs {
				var p *parsed
				select {
				case p = <-results:
					p.ratings, p.events, p.rows = p.ratings[:0], p.events[:0], 0
				default:
					// Room for a rating a line, so that the slice never
					// grows by copying.
					p = &parsed{ratings: make([]Rating, 0, c.lines)}
				}
				w.parseChunk(c, p)
				c.out <- p
			}
		}()
	}
	rows := 0
	for c := range order {
		p := <-c.out
		e := 0
		for i := range p.ratings {
			for ; e < len(p.events) && p.events[e].at == i && !p.events[e].err.Warning; e++ {
				rep.reject(&o, p.events[e].err)
			}
			var warning *RowError
			if e < len(p.events) && p.events[e].at == i {
				warning = p.events[e].err
				e++
			}
			r := &p.ratings[i]
			if !rd.warnedItem13 && r.Instrument.Scored > 12 && rd.col.item[12] < 0 {
				rd.warnedItem13 = true
				warning = item13Warning(r.Line, r.Instrument)
			}
			if warning != nil {
				rep.warn(&o, warning)
			}
			rep.Rows++
			use(r)
		}
		for ; e < len(p.events); e++ {
			rep.reject(&o, p.events[e].err)
		}
		if o.Progress != nil {
			for n := rows / ProgressRows; n < (rows+p.rows)/ProgressRows; n++ {
				o.Progress()
			}
		}
		rows += p.rows
		// The chunk's text goes back only now that its ratings are used:
		// with o.Borrow their patient labels are views of it.
		buffers <- c.data[:0]
		select {
		case results <- p:
		default:
		}
	}
	return rep, readErr
}

// parser returns a reader for chunks of rd's file: its columns, and labels
// of its own. It never gives the item13 warning, which readParallel gives.
func (rd *Reader) parser() *Reader {
	w := &Reader{col: rd.col, nField: rd.nField, warnedItem13: true}
	labels := make(map[string]string)
	for i := range w.labels {
		w.labels[i].m = labels
	}
	return w
}

// parseChunk reads every record of c into p.
func (rd *Reader) parseChunk(c *chunk, p *parsed) {
	rd.rr = recordReader{data: c.data, line: c.line, fields: rd.rr.fields, rec: rd.rr.rec, ends: rd.rr.ends}
	for {
		p.ratings = append(p.ratings, Rating{})
		r := &p.ratings[len(p.ratings)-1]
		err := rd.Next(r)
		if err == io.EOF {
			p.ratings = p.ratings[:len(p.ratings)-1]
			return
		}
		p.rows++
		if err == nil {
			continue
		}
		re, ok := err.(*RowError)
		if !ok {
			// A reader of data fails only at its end; should it not,
			// the row is a problem like any other, not a lost file.
			re = &RowError{Line: r.Line, Msg: err.Error()}
		}
		if re.Warning {
			p.events = append(p.events, rowEvent{len(p.ratings) - 1, re})
			continue
		}
		p.ratings = p.ratings[:len(p.ratings)-1]
		p.events = append(p.events, rowEvent{len(p.ratings), re})
	}
}

// split reads the rest of the file in chunks of about size bytes, each
// ending where a record ends, and gives each to emit in file order. It
// returns the underlying reader's error, if any, after the records read
// whole before it.
func (rd *Reader) split(size int, buffers chan []byte, emit func(*chunk)) error {
	line := rd.rr.line
	var carry []byte
	made := 0
	for {
		// Chunks are read into at most cap(buffers) buffers, each used
		// again once its ratings have been used: fresh memory costs a
		// page fault a page, and reading ahead of the parsers gains
		// nothing.
		var buf []byte
		if made < cap(buffers) {
			select {
			case buf = <-buffers:
			default:
				buf = make([]byte, 0, size+size/4)
				made++
			}
		} else {
			buf = <-buffers
		}
		buf = append(buf, carry...)
		var err error
		for {
			for len(buf) < size && err == nil {
				if len(buf) == cap(buf) {
					buf = append(buf, 0)[:len(buf)]
				}
				var n int
				n, err = rd.rr.br.Read(buf[len(buf):cap(buf)])
				buf = buf[:len(buf)+n]
			}
			if err != nil {
				break
			}
			if end := lastRecordEnd(buf); end > 0 {
				carry = append(carry[:0], buf[end:]...)
				buf = buf[:end]
				break
			}
			size *= 2 // one record longer than a chunk
		}
		if err != nil && err != io.EOF {
			buf = buf[:lastRecordEnd(buf)]
		}
		if len(buf) > 0 {
			n := bytes.Count(buf, []byte{'\n'})
			emit(&chunk{data: buf, line: line, lines: n + 1})
			line += n
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// lastRecordEnd returns where the last whole record in buf ends (after its
// line end), 0 when none does. buf starts where a record starts.
func lastRecordEnd(buf []byte) int {
	if bytes.IndexByte(buf, '"') < 0 {
		return bytes.LastIndexByte(buf, '\n') + 1
	}
	end := 0
	for {
		n, ok := recordLen(buf[end:])
		if !ok {
			return end
		}
		end += n
	}
}

// recordLen returns the length of the record at the start of data through
// its line end, as recordReader.read reads it (a quoted cell may go on over
// several lines; a record with a misplaced quote ends with its line), and
// false when data ends first.
func recordLen(data []byte) (int, bool) {
	next := func(from int) ([]byte, int, bool) {
		i := bytes.IndexByte(data[from:], '\n')
		if i < 0 {
			return nil, 0, false
		}
		line := data[from : from+i]
		if i > 0 && line[i-1] == '\r' {
			line = line[:i-1]
		}
		return line, from + i + 1, true
	}
	line, consumed, ok := next(0)
	if !ok {
		return 0, false
	}
	if bytes.IndexByte(line, '"') < 0 {
		return consumed, true
	}
	pos := 0
	for {
		if pos < len(line) && line[pos] == '"' {
			pos++
			for {
				i := bytes.IndexByte(line[pos:], '"')
				if i < 0 { // the cell goes on to the next line
					if line, consumed, ok = next(consumed); !ok {
						return 0, false
					}
					pos = 0
					continue
				}
				pos += i + 1
				if pos < len(line) && line[pos] == '"' {
					pos++
					continue
				}
				break
			}
			if pos == len(line) || line[pos] != ',' {
				return consumed, true
			}
			pos++
			continue
		}
		i := bytes.IndexByte(line[pos:], ',')
		cell := line[pos:]
		if i >= 0 {
			cell = cell[:i]
		}
		if i < 0 || bytes.IndexByte(cell, '"') >= 0 {
			return consumed, true
		}
		pos += i + 1
	}
}
