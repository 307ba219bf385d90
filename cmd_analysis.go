//go:build !(js && wasm)

package main

import "honoscope/app/cli"

// The analysts' commands (score, change, ranges, content) live in package
// cli, which links no user interface; they are registered here beside the
// site commands.
func init() {
	for _, c := range cli.Commands() {
		register(command{name: c.Name, summary: c.Summary, run: c.Run})
	}
}
