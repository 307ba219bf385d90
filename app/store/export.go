package store

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"

	"honoscope/scoring"
	"honoscope/scoring/layout"
)

// The JSON export format. An export is one object:
//
//	{"format":"honoscope-export","version":1,"exported":"<RFC 3339>","ratings":[…],"documents":[…]}
//
// with every field of every Rating (see Rating's JSON names). "documents"
// is optional (exports made before it existed lack it, and readers accept
// that): every Document, {"kind","key","data"}, such as practice attempts
// and event notes. Readers refuse a different format and a newer version.
const (
	// ExportFormat is the value of the export's "format" field.
	ExportFormat = "honoscope-export"
	// ExportVersion is the version of the export format this build writes
	// and the newest it reads.
	ExportVersion = 1
)

// Export is the JSON export document.
type Export struct {
	// Format is always ExportFormat.
	Format string `json:"format"`
	// Version is the format version, ExportVersion.
	Version int `json:"version"`
	// Exported is when the file was made, RFC 3339.
	Exported string `json:"exported"`
	// Ratings are every rating, in the order of Store.Ratings.
	Ratings []Rating `json:"ratings"`
	// Documents are every stored document ordered by kind then key; absent
	// when there are none.
	Documents []Document `json:"documents,omitempty"`
}

// WriteJSON writes rs as a complete, versioned JSON export made at now,
// indented one rating per block, ratings sorted as Store.Ratings returns
// them. rs is not modified.
func WriteJSON(w io.Writer, rs []Rating, now time.Time) error {
	return WriteBackup(w, rs, nil, now)
}

// WriteBackup writes rs and the documents ds as one JSON export made at
// now: WriteJSON plus the "documents" list (sorted by kind, then key), so
// that a backup also carries practice progress and other notes. Neither
// slice is modified.
func WriteBackup(w io.Writer, rs []Rating, ds []Document, now time.Time) error {
	docs := append([]Document{}, ds...)
	SortDocuments(docs)
	sorted := append([]Rating{}, rs...)
	SortRatings(sorted)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(Export{
		Format:    ExportFormat,
		Version:   ExportVersion,
		Exported:  now.UTC().Format(time.RFC3339),
		Ratings:   sorted,
		Documents: docs,
	})
}

// CSVHeader returns the columns of a CSV export: the command line's input
// columns (scoring.Reader) patient, date, instrument, item1…item15,
// item8_type, occasion, team, setting.
func CSVHeader() []string { return layout.CSVHeader() }

// WriteCSV writes rs as CSV in the command line's input columns (CSVHeader),
// sorted as Store.Ratings returns them. Each row fills only its instrument's
// own items (12, or 15 for HoNOSCA), an unknown item as 9; the rest are
// empty. The CSV carries no period, rater or note: use the JSON export to
// keep everything. Text cells pass through scoring's one CSV cell policy
// (scoring.GuardCell), which the ratings reader undoes exactly.
func WriteCSV(w io.Writer, rs []Rating) error {
	sorted := append([]Rating{}, rs...)
	SortRatings(sorted)
	cw := csv.NewWriter(w)
	header := CSVHeader()
	if err := cw.Write(header); err != nil {
		return err
	}
	row := make([]string, len(header))
	for _, r := range sorted {
		for i := range row {
			row[i] = ""
		}
		row[0], row[1], row[2] = scoring.GuardCell(r.Patient), scoring.GuardCell(r.Date), scoring.GuardCell(r.Instrument)
		for i, c := range r.Items {
			if i >= scoring.MaxItems {
				break
			}
			if c < 0 || c > scoring.MaxCode {
				c = int(scoring.NotKnown)
			}
			row[3+i] = strconv.Itoa(c)
		}
		base := 3 + scoring.MaxItems
		row[base] = scoring.GuardCell(r.Item8Type)
		row[base+1] = scoring.GuardCell(r.Occasion)
		row[base+2] = scoring.GuardCell(r.Team)
		row[base+3] = scoring.GuardCell(r.Setting)
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// ExportName returns the file name of an export made at now with the given
// extension ("json" or "csv"), e.g. "honoscope-2024-05-01.json". It carries
// no patient data.
func ExportName(now time.Time, ext string) string {
	return "honoscope-" + now.Format("2006-01-02") + "." + strings.TrimPrefix(ext, ".")
}
