package vulnreport

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead checks that no input makes Read panic and that a report is either
// read into exactly one scan or rejected with an error diagnostic.
func FuzzRead(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
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
	f.Add([]byte(`{"matches": [{}], "source": {"target": 5}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := Read("r.json", data)
		if r.Estate == nil {
			t.Fatal("Read returned no estate")
		}
		if n := len(r.Estate.ImageScans); n > 1 || (n == 0 && !r.Diagnostics.HasErrors()) {
			t.Errorf("got %d scans and diagnostics %v", n, r.Diagnostics)
		}
		_ = Looks(data)
	})
}
