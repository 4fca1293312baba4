package iostreams

import "testing"

func TestColorEnabled(t *testing.T) {
	tests := []struct {
		name string
		tty  bool
		env  map[string]string
		want bool
	}{
		{"terminal", true, nil, true},
		{"pipe", false, nil, false},
		{"NO_COLOR on a terminal", true, map[string]string{"NO_COLOR": "1"}, false},
		{"NO_COLOR with any value", true, map[string]string{"NO_COLOR": "false"}, false},
		{"CLICOLOR=0 on a terminal", true, map[string]string{"CLICOLOR": "0"}, false},
		{"dumb terminal", true, map[string]string{"TERM": "dumb"}, false},
		{"CLICOLOR_FORCE into a pipe", false, map[string]string{"CLICOLOR_FORCE": "1"}, true},
		{"CLICOLOR_FORCE beats NO_COLOR", true, map[string]string{"CLICOLOR_FORCE": "1", "NO_COLOR": "1"}, true},
		{"CLICOLOR_FORCE=0 does not force", false, map[string]string{"CLICOLOR_FORCE": "0"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _, _, _ := Test()
			s.SetStdoutTTY(tt.tty)
			s.SetEnv(func(k string) string { return tt.env[k] })
			if got := s.ColorEnabled(); got != tt.want {
				t.Errorf("ColorEnabled() = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestTestStreamsAreBuffers(t *testing.T) {
	s, in, out, errOut := Test()
	in.WriteString("input")
	if _, err := s.Out.Write([]byte("report")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ErrOut.Write([]byte("progress")); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 5)
	if n, _ := s.In.Read(buf); string(buf[:n]) != "input" {
		t.Errorf("stdin read %q, want %q", buf[:n], "input")
	}
	if out.String() != "report" || errOut.String() != "progress" {
		t.Errorf("stdout %q, stderr %q: streams are mixed up", out, errOut)
	}
	if s.IsStdoutTTY() || s.IsStderrTTY() || s.IsStdinTTY() || s.ColorEnabled() {
		t.Error("test streams must not pretend to be terminals")
	}
}
