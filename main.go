// Command honoscope is the Health of the Nation Outcome Scales tool.
//
// Compiled to WebAssembly (GOOS=js GOARCH=wasm) it is the browser app, in
// which all scoring runs on the device. Compiled natively it is the command
// line on the same scoring code: score, change and ranges for analysts, and
// the commands that build and serve the static site.
package main
