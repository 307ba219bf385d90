package scoring

import (
	"errors"
	"io"
	"runtime"
)

// ProgressRows is how many rows ReadAll reads between calls of
// ReadOptions.Progress.
const ProgressRows = 8192

// ReadOptions configure Reader.ReadAll.
type ReadOptions struct {
	// Keep is how many rejected rows, and separately how many warnings,
	// the report lists; the rest are only counted.
	Keep int
	// Problem, when set, is called with every header warning and then
	// every rejected row and warning, in file order, as they are found.
	Problem func(*RowError)
	// Progress, when set, is called every ProgressRows rows, so that a
	// page can show how far reading has got.
	Progress func()
	// Borrow lets the reader hand use a Rating whose Patient is a view of
	// the text it was read from, valid only until use returns, instead of
	// a copy of its own. It is for a use that copies what it keeps, as
	// Cohort.Add does: a national export's rows then cost no allocation
	// for their patient labels, which were about a fifth of the parsers'
	// time. The reader may still copy (one processor core, a quoted cell,
	// a label made canonical).
	Borrow bool
}

// ReadReport says what ReadAll made of a file's rows.
type ReadReport struct {
	// Rows is the number of data rows read; Rejected of them were left out.
	Rows, Rejected int
	// Problems lists the first ReadOptions.Keep rejected rows.
	Problems []*RowError
	// Warnings lists the first ReadOptions.Keep warnings (header remarks,
	// and rows accepted despite a problem); NWarnings counts them all.
	Warnings  []*RowError
	NWarnings int
}

func (rep *ReadReport) warn(o *ReadOptions, e *RowError) {
	rep.NWarnings++
	if len(rep.Warnings) < o.Keep {
		rep.Warnings = append(rep.Warnings, e)
	}
	if o.Problem != nil {
		o.Problem(e)
	}
}

// reject counts a rejected row and reports it.
func (rep *ReadReport) reject(o *ReadOptions, e *RowError) {
	rep.Rows++
	rep.Rejected++
	if len(rep.Problems) < o.Keep {
		rep.Problems = append(rep.Problems, e)
	}
	if o.Problem != nil {
		o.Problem(e)
	}
}

// ReadAll reads every remaining row, calls use with each accepted rating in
// file order, and sorts out the rest: a rejected row is counted and left
// out, a warning counted and its row kept. The *Rating passed to use is
// reused: copy what must outlive the call. It returns an error only when
// the underlying reader fails (such as a cancelled stream); the ratings
// before it have been used.
//
// Parsing runs apart from use, which runs on the caller's goroutine, so
// that reading a large file overlaps with scoring and pairing: on one
// processor core (the browser) on a goroutine of its own, on more in
// chunks parsed in parallel and handed over in file order. o.Problem and
// o.Progress are called one at a time, in file order.
func (rd *Reader) ReadAll(o ReadOptions, use func(*Rating)) (ReadReport, error) {
	if readParallel != nil && runtime.GOMAXPROCS(0) > 1 && !rd.sequential {
		return readParallel(rd, o, use)
	}
	var rep ReadReport
	for _, w := range rd.warnings {
		rep.warn(&o, w)
	}
	// Ratings travel in reused batches, in file order.
	const batchSize, batches = 1024, 4
	full := make(chan []Rating, batches)
	free := make(chan []Rating, batches)
	for i := 0; i < batches; i++ {
		free <- make([]Rating, 0, batchSize)
	}
	var readErr error
	go func() {
		defer close(full)
		var re *RowError
		b := <-free
		for n := 1; ; n++ {
			if o.Progress != nil && n%ProgressRows == 0 {
				o.Progress()
			}
			k := len(b)
			b = b[:k+1]
			err := rd.Next(&b[k])
			if err == io.EOF {
				b = b[:k]
				break
			}
			if err != nil {
				if !errors.As(err, &re) {
					readErr = err
					b = b[:k]
					break
				}
				if !re.Warning {
					rep.reject(&o, re)
					b = b[:k]
					continue
				}
				rep.warn(&o, re)
			}
			rep.Rows++
			if len(b) == batchSize {
				full <- b
				b = <-free
			}
		}
		if len(b) > 0 {
			full <- b
		}
	}()
	for b := range full {
		for i := range b {
			use(&b[i])
		}
		free <- b[:0]
	}
	return rep, readErr
}

// readParallel is Reader.readParallel where the program can run parsers in
// parallel, nil in the browser, which has one processor core for Go and
// need not carry the code.
var readParallel func(rd *Reader, o ReadOptions, use func(*Rating)) (ReadReport, error)
