//go:build !(js && wasm)

package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"honoscope/app/cli"
)

// command is one sub-command of the native command line. Each command file
// registers its own in an init function.
type command struct {
	// name is the word typed after "honoscope".
	name string
	// summary is one line for the usage listing.
	summary string
	// run executes the command and returns the exit status. It writes its
	// own --help text and never panics on input.
	run func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

var commands = map[string]command{}

func register(c command) {
	if _, dup := commands[c.name]; dup {
		panic("honoscope: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// newFlagSet, parseArgs and usageError give the site commands the same
// option handling as the analysis commands.
func newFlagSet(name string) *flag.FlagSet { return cli.NewFlagSet(name) }

func parseArgs(fs *flag.FlagSet, args []string, help string, stdout, stderr io.Writer) ([]string, int) {
	return cli.ParseArgs(fs, args, help, stdout, stderr)
}

func usageError(stderr io.Writer, name, msg string) int { return cli.UsageError(stderr, name, msg) }

func main() {
	os.Exit(runCLI(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// runCLI dispatches args to a command and returns the exit status:
// 0 success, 1 some input rejected, 2 usage error.
func runCLI(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		w := stdout
		if len(args) == 0 {
			w = stderr
		}
		usage(w)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "honoscope: unknown command %q\n\n", args[0])
		usage(stderr)
		return 2
	}
	return c.run(args[1:], stdin, stdout, stderr)
}

func usage(w io.Writer) {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("Honoscope: Health of the Nation Outcome Scales, scored on your own machine.\n\n")
	b.WriteString("Usage: honoscope COMMAND [OPTIONS] [ARGS]\n\nCommands:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  %-9s %s\n", n, commands[n].summary)
	}
	b.WriteString("\nRun 'honoscope COMMAND --help' for a command's options.\n")
	b.WriteString("HoNOS, HoNOS 65+ and HoNOSCA © Royal College of Psychiatrists.\n")
	io.WriteString(w, b.String())
}
