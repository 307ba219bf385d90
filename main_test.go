package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestTheTopLevelHelpListsTheCommands(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	if code := runCLI([]string{"--help"}, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Errorf("exit %d, want 0; stderr %q", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "  change ") {
		t.Errorf("stdout lacks %q:\n%s", "  change ", stdout.String())
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr not empty: %q", stderr.String())
	}
}
