package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/aksguard/aksguard/rules/catalog"
)

// TestDocsMatchCatalog fails when README.md's catalog table or a page under
// docs/rules disagrees with the rule values. Fix: go run ./internal/gendocs.
func TestDocsMatchCatalog(t *testing.T) {
	root := filepath.Join("..", "..")
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := spliceTable(readme, catalogTable(catalog.All()))
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != string(readme) {
		t.Errorf("README.md's catalog table is out of date: run go run ./internal/gendocs")
	}
	for _, r := range catalog.All() {
		got, err := os.ReadFile(filepath.Join(root, "docs", "rules", r.ID+".md"))
		if err != nil || string(got) != rulePage(r) {
			t.Errorf("docs/rules/%s.md is missing or out of date: run go run ./internal/gendocs", r.ID)
		}
	}
}
