package dockerfile

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead checks that no input makes Read panic, and that a returned
// Dockerfile always has stages whose FromStage points at an earlier one.
func FuzzRead(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("ARG A\nARG B=${A:-x}\nFROM ${B:?unset} AS s\nFROM S\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := Read("Dockerfile", data)
		if r.Estate == nil {
			t.Fatal("Read returned no estate")
		}
		for _, df := range r.Estate.Dockerfiles {
			if len(df.Stages) == 0 {
				t.Error("a Dockerfile without stages was returned")
			}
			for i, st := range df.Stages {
				if st.FromStage >= i || st.FromStage < -1 {
					t.Errorf("stage %d builds on stage %d", i, st.FromStage)
				}
			}
		}
		for _, d := range r.Diagnostics {
			if d.Line < 1 || d.Message == "" {
				t.Errorf("malformed diagnostic %+v", d)
			}
		}
		_ = Looks("x", data)
	})
}
