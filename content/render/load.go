package render

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"honoscope/content"
)

// Set is every vignette and page of a content folder, in a stable order:
// vignettes by file name, pages by order then file name.
type Set struct {
	// Vignettes are the training cases.
	Vignettes []content.Vignette
	// Pages are the guidance pages.
	Pages []content.Page
}

// Load reads a content folder: the markdown files in its vignettes and
// pages subfolders or, when it has neither, the markdown files directly in
// it, read as vignettes (a trust's own folder of cases). README.md files and
// names starting with "." are skipped. Problems name files as
// path.Join(dir, relative name); each vignette's and page's Source is the
// relative name, e.g. "vignettes/honos-01.md". Ids must be unique across
// the whole folder. The set is usable only when no problems are returned; an
// error means the folder itself could not be read.
func Load(fsys fs.FS, dir string) (Set, []Problem, error) {
	var set Set
	var problems []Problem
	vdirs, pdir := []string{"vignettes"}, "pages"
	_, verr := fs.Stat(fsys, "vignettes")
	_, perr := fs.Stat(fsys, "pages")
	if errors.Is(verr, fs.ErrNotExist) && errors.Is(perr, fs.ErrNotExist) {
		vdirs, pdir = []string{"."}, ""
	}
	firstID := map[string]string{} // id -> "file:line" where first used
	checkID := func(id string, d *document) {
		if id == "" {
			return
		}
		line := d.keyLine["id"]
		if first, dup := firstID[id]; dup {
			problems = append(problems, Problem{File: d.name, Line: line, Message: fmt.Sprintf("id %q is already used at %s: ids must be unique", id, first)})
			return
		}
		firstID[id] = fmt.Sprintf("%s:%d", d.name, line)
	}
	// each reads the markdown files of sub, giving parse the file's name for
	// problems (under dir), its relative name and its bytes.
	each := func(sub string, parse func(file, rel string, src []byte)) error {
		names, err := markdownFiles(fsys, sub)
		if err != nil {
			return err
		}
		for _, rel := range names {
			src, err := fs.ReadFile(fsys, rel)
			if err != nil {
				return err
			}
			parse(path.Join(dir, rel), rel, src)
		}
		return nil
	}
	for _, vd := range vdirs {
		err := each(vd, func(file, rel string, src []byte) {
			v, d := parseVignette(file, src)
			v.Source = rel
			problems = append(problems, d.problems...)
			checkID(v.ID, d)
			set.Vignettes = append(set.Vignettes, v)
		})
		if err != nil {
			return set, nil, err
		}
	}
	if pdir != "" {
		err := each(pdir, func(file, rel string, src []byte) {
			p, d := parsePage(file, src)
			p.Source = rel
			problems = append(problems, d.problems...)
			checkID(p.ID, d)
			set.Pages = append(set.Pages, p)
		})
		if err != nil {
			return set, nil, err
		}
	}
	sort.SliceStable(set.Pages, func(i, j int) bool { return set.Pages[i].Order < set.Pages[j].Order })
	sortProblems(problems)
	return set, problems, nil
}

// LoadDir is Load on a folder of the file system.
func LoadDir(dir string) (Set, []Problem, error) {
	if fi, err := os.Stat(dir); err != nil {
		return Set{}, nil, err
	} else if !fi.IsDir() {
		return Set{}, nil, fmt.Errorf("%s is not a folder", dir)
	}
	return Load(os.DirFS(dir), dir)
}

// markdownFiles lists the *.md files directly in dir (sorted), skipping
// README.md and hidden files. A missing dir has no files.
func markdownFiles(fsys fs.FS, dir string) ([]string, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".md") || strings.HasPrefix(n, ".") || strings.EqualFold(n, "README.md") {
			continue
		}
		out = append(out, path.Join(dir, n))
	}
	sort.Strings(out)
	return out, nil
}
