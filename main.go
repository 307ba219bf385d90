// Command honoscope is the Health of the Nation Outcome Scales command line:
// score, change and ranges for analysts (app/cli, on the same scoring code
// as the browser app), content check for trainers, and the commands that
// build and serve the static site and the SCORM package (app/site). The
// browser app itself is the two WebAssembly programs in app/cmd.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"honoscope/app/cli"
)

// commands are the sub-commands by name: the analysts' (cli.Commands) and
// the site's, which each site command file registers in an init function.
var commands = map[string]cli.Command{}

func init() {
	for _, c := range cli.Commands() {
		register(c)
	}
}

func register(c cli.Command) {
	if _, dup := commands[c.Name]; dup {
		panic("honoscope: command registered twice: " + c.Name)
	}
	commands[c.Name] = c
}

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
	return c.Run(args[1:], stdin, stdout, stderr)
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
		fmt.Fprintf(&b, "  %-9s %s\n", n, commands[n].Summary)
	}
	b.WriteString("\nRun 'honoscope COMMAND --help' for a command's options.\n")
	b.WriteString("HoNOS, HoNOS 65+ and HoNOSCA © Royal College of Psychiatrists.\n")
	io.WriteString(w, b.String())
}
