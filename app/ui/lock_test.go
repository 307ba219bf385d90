package ui

import "testing"

func TestTheRemindersBackupIsEncryptedWheneverTheLockIsOn(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name        string
		lockOn      bool
		asked       bool
		typed       string
		wantPass    string
		wantAsk     bool
		wantProblem bool
	}{
		{name: "lock off: a plain backup at once", lockOn: false, wantPass: ""},
		{name: "lock off: a typed passphrase is ignored", lockOn: false, asked: true, typed: "long enough pass", wantPass: ""},
		{name: "lock on, first click: ask for a passphrase", lockOn: true, wantAsk: true},
		{name: "lock on, first click with text already typed still asks", lockOn: true, typed: "long enough pass", wantAsk: true},
		{name: "lock on, empty passphrase: refused", lockOn: true, asked: true, wantAsk: true, wantProblem: true},
		{name: "lock on, 11 characters: refused", lockOn: true, asked: true, typed: "river stone", wantAsk: true, wantProblem: true},
		{name: "lock on, a 12-character run: refused", lockOn: true, asked: true, typed: "123456789012", wantAsk: true, wantProblem: true},
		{name: "lock on, 12 characters: encrypted with it", lockOn: true, asked: true, typed: "river stones", wantPass: "river stones"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			pass, ask, problem := reminderBackup(c.lockOn, c.asked, c.typed)
			if pass != c.wantPass || ask != c.wantAsk || (problem != "") != c.wantProblem {
				t.Fatalf("reminderBackup(%v, %v, %q) = %q, %v, %q", c.lockOn, c.asked, c.typed, pass, ask, problem)
			}
			if c.lockOn && pass == "" && !ask {
				t.Fatal("a locked device would get a plain backup")
			}
		})
	}
}
