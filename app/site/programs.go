package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"honoscope/app/route"
)

// Program is one of the site's WebAssembly programs and how it is
// compiled. Programs is the one description of the build: the site
// builder, the end-to-end harness and the Makefile's test read it.
type Program struct {
	// Name is the program's name in the route table (route.Program):
	// "app" or "tools".
	Name string
	// File is the compiled program's file name under web/.
	File string
	// Flags are the go build flags besides -o.
	Flags []string
	// Main is the program's main package, relative to the module root. It
	// imports only the program's own pages, so the linker leaves the
	// others out.
	Main string
}

// programs is the build table. The consultation program is built without
// inlining (-gcflags=all=-l), which makes its gzip download about 7 %
// smaller, to meet its 2.5 MB budget (README, "App budgets"); the tools
// program keeps inlining, which the team view's analysis of a large file
// needs for its speed budget. Both leave out file paths (-trimpath) and the
// symbol table and DWARF (-s -w).
var programs = []Program{
	{Name: string(route.App), File: route.App.File(),
		Flags: []string{"-trimpath", "-gcflags=all=-l", "-ldflags=-s -w"}, Main: "./app/cmd/consult"},
	{Name: string(route.Tools), File: route.Tools.File(),
		Flags: []string{"-trimpath", "-ldflags=-s -w"}, Main: "./app/cmd/tools"},
}

// Programs returns the build table, the default program first: go-app's
// script loads it (as web/app.wasm) for every page not listed as another
// program's.
func Programs() []Program {
	out := make([]Program, len(programs))
	for i, p := range programs {
		p.Flags = append([]string(nil), p.Flags...)
		out[i] = p
	}
	return out
}

// programNamed returns the program called name.
func programNamed(name string) (Program, bool) {
	for _, p := range programs {
		if p.Name == name {
			return p, true
		}
	}
	return Program{}, false
}

// buildArgs is the command that compiles p to out from the module root,
// with GOOS=js GOARCH=wasm in the environment, against the browser module
// file modfile (BrowserModule).
func (p Program) buildArgs(out, modfile string) []string {
	cmd := append([]string{"go", "build", "-modfile=" + modfile}, p.Flags...)
	return append(cmd, "-o", out, p.Main)
}

// BuildInstructions is the shell line, indented by two spaces, that
// compiles every program into dir from the repository root, for help texts.
func BuildInstructions(dir string) string {
	return "  go run . wasm --out " + dir + "\n"
}

// wasmFile is the path of prog's compiled file under cfg.
func (cfg Config) wasmFile(prog Program) string {
	dir := cfg.WasmDir
	if dir == "" {
		dir = cfg.Web
	}
	return filepath.Join(dir, prog.File)
}

// CheckWasm returns an error saying how to build the first program missing
// under cfg, or nil if every program is there.
func CheckWasm(cfg Config) error {
	for _, prog := range programs {
		name := cfg.wasmFile(prog)
		if _, err := os.Stat(name); err != nil {
			return missingWasm(name, prog)
		}
	}
	return nil
}

// missingWasm explains how to build a missing program.
func missingWasm(name string, prog Program) error {
	return fmt.Errorf("%s: the compiled app (%s) is missing; build it first, from the repository root, with:\n%s(or run: make site)",
		name, prog.Main, BuildInstructions(filepath.Dir(name)))
}

// shellWords joins a command for a POSIX shell, quoting words with spaces
// (-ldflags="-s -w") so that the line can be pasted as it is.
func shellWords(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		if k, v, ok := strings.Cut(a, "="); ok && strings.ContainsAny(v, " \t") {
			a = k + `="` + v + `"`
		} else if strings.ContainsAny(a, " \t") {
			a = `"` + a + `"`
		}
		out[i] = a
	}
	return strings.Join(out, " ")
}
