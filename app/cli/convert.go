package cli

import (
	"bufio"
	"fmt"
	"io"

	"honoscope/scoring"
	"honoscope/scoring/layout"
)

const convertUsage = `Usage: honoscope convert [--from LAYOUT] [--to csv|mhsds|meteor|fhir]
                        [--memory 2GB] [--temp-dir DIR] [FILE|-]

Reads ratings in one layout and writes them in another to standard output,
in input order, so that a rating can go into a record system or a national
return without being typed twice. Nothing is sent anywhere.

Layouts written (--to, default csv):
  csv      Honoscope's CSV: patient, date, instrument, item1...item15,
           item8_type, occasion, team, setting
  mhsds    England's MHSDS long format: Person_ID, AssToolCompDate,
           UniqCareActID, CodedAssToolType (the item's SNOMED CT code),
           PersScore; one row per rated item of the clinician-rated form
  meteor   NOCC element names with METEOR codes, one row per rating: PID,
           ColDt (DDMMYYYY), ColRsn, Setting, SUId, HnosVer, Hnos01...Hnos12,
           Hnos08a, HnosC01...HnosC15; an unknown item is 8
  fhir     a FHIR R4 Bundle: per rating a QuestionnaireResponse and an
           Observation per item (SNOMED CT coded) and for the total

What a layout has no place for is left out: MHSDS has no item 8 problem
type, no HoNOSCA items 14-15 and no labels; NOCC codes only its own
occasions (admission, review, discharge) and settings.

Options:
  --to LAYOUT       the layout to write (default csv)
  --memory SIZE     about how much memory to use (default 2GB): an MHSDS long
                    file's ratings that do not fit while they are assembled
                    from its rows go through temporary files, with the same
                    output; every other layout is converted a rating at a time
  --temp-dir DIR    where those files go (default the system's temporary
                    folder); they are removed at the end
` + layoutUsage + `
Rejected rows are reported on standard error as "line N: column NAME: what
is wrong" and left out of the output. Exit status: 0 all rows read, 1 some
rows rejected or the input unusable, 2 wrong options.

Examples:
  honoscope convert --to fhir ratings.csv > ratings.fhir.json
  honoscope convert --from mhsds --to csv extract.csv > ratings.csv
  honoscope convert --to meteor ratings.csv > nocc.csv
`

// Convert runs "honoscope convert": ratings from one layout to another.
func Convert(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := NewFlagSet("convert")
	to := fs.String("to", string(layout.CSV), "")
	lo := addLayoutOptions(fs)
	var mem memoryFlags
	mem.add(fs)
	files, code := ParseArgs(fs, args, convertUsage, stdout, stderr)
	if code >= 0 {
		return code
	}
	opt, code := lo.options("convert", stderr)
	if code >= 0 {
		return code
	}
	out, err := layout.ParseFormat(*to, layout.WriteFormats)
	if err != nil {
		return UsageError(stderr, "convert", "--to: "+err.Error())
	}
	// Each rating is written as it is read and then forgotten, so that a
	// national extract converts in the memory of a few ratings (an MHSDS
	// long file's are assembled first, within --memory's default).
	w := bufio.NewWriterSize(stdout, 64<<10)
	rw, err := layout.NewWriter(w, out)
	if err != nil {
		return UsageError(stderr, "convert", "--to: "+err.Error())
	}
	sp, cleanup, code := mem.setUp("convert", stderr)
	defer cleanup()
	if code >= 0 {
		return code
	}
	opt.Assembly = scoring.Spill{Limit: sp.Limit, Dir: sp.Dir}
	var werr error
	written := 0
	read, status := readRatings("convert", files, opt, stdin, stderr, func(r *scoring.Rating) {
		if werr == nil {
			werr = rw.Write(r)
			written++
		}
	})
	if !read {
		if written > 0 {
			fmt.Fprintf(stderr, "honoscope convert: the output stops where the input could not be read: it is incomplete\n")
		}
		return status
	}
	if werr == nil {
		werr = rw.Close()
	}
	if werr == nil {
		werr = w.Flush()
	}
	if werr != nil {
		fmt.Fprintf(stderr, "honoscope convert: writing the output: %v\n", werr)
		return 1
	}
	return status
}
