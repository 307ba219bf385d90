// Package render checks and renders Honoscope's markdown content at build
// time: vignettes (content/vignettes/*.md) and guidance pages
// (content/pages/*.md), each a markdown file with YAML front matter.
//
// It validates the front matter against the instruments in package scoring,
// reports every problem as "file:line: problem", renders the markdown with
// goldmark (GFM tables, strikethrough, footnotes, typographer; raw HTML is
// always omitted), and writes the Go source of package content/bundle that
// the WebAssembly app embeds. It runs natively only: the command line
// ("honoscope content check") and "go generate ./content/..." use it, the
// browser build never imports it.
package render

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// newMarkdown returns the goldmark converter for one document. Footnote ids
// carry the document id as a prefix so that two rendered documents on one
// page never share an id. Raw HTML is omitted (goldmark's default; never
// html.WithUnsafe) and table alignment is written as the align attribute,
// because a strict Content-Security-Policy blocks inline style attributes
// (shared/reference/platform.md, "goldmark").
func newMarkdown(idPrefix string) goldmark.Markdown {
	opts := []extension.FootnoteOption{}
	if idPrefix != "" {
		opts = append(opts, extension.WithFootnoteIDPrefix(idPrefix+"-"))
	}
	return goldmark.New(
		goldmark.WithExtensions(
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough,
			extension.NewFootnote(opts...),
			extension.Typographer,
		),
	)
}

// Markdown renders a markdown body to HTML. idPrefix, when not empty, is put
// before footnote ids ("<prefix>-fn:1"). Raw HTML in the input is omitted.
func Markdown(idPrefix string, md []byte) (string, error) {
	var buf bytes.Buffer
	if err := newMarkdown(idPrefix).Convert(md, &buf); err != nil {
		return "", fmt.Errorf("rendering markdown: %w", err)
	}
	return buf.String(), nil
}

// rawHTMLLines returns the 1-based lines of md that hold raw HTML, which the
// renderer leaves out; the checker reports them so that no text silently
// disappears.
func rawHTMLLines(md []byte) []int {
	doc := newMarkdown("").Parser().Parse(text.NewReader(md), parser.WithContext(parser.NewContext()))
	var lines []int
	seen := map[int]bool{}
	add := func(offset int) {
		l := 1 + bytes.Count(md[:offset], []byte("\n"))
		if !seen[l] {
			seen[l] = true
			lines = append(lines, l)
		}
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			if n.Lines().Len() > 0 {
				add(n.Lines().At(0).Start)
			}
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				add(n.Segments.At(0).Start)
			}
		}
		return ast.WalkContinue, nil
	})
	return lines
}
