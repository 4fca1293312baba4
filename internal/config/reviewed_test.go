package config

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestReviewedAdminGroups: the groups a team declares reviewed reach the
// rules; a value that is not an object ID is an error naming the file.
func TestReviewedAdminGroups(t *testing.T) {
	cfg, err := Parse(".aksguard.yaml", []byte("reviewedAdminGroups:\n  - 6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d\n"))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d"}, cfg.Rules().ReviewedAdminGroups); d != "" {
		t.Errorf("rules config (-want +got):\n%s", d)
	}
	for data, want := range map[string]string{
		"reviewedAdminGroups: [\"\"]\n":        `.aksguard.yaml: reviewedAdminGroups[0] "": want a group's object ID`,
		"reviewedAdminGroups: [\"*\"]\n":       `reviewedAdminGroups[0] "*": want a group's object ID`,
		"reviewedAdminGroup: [6a7b8c9d]\n":     "unknown key reviewedAdminGroup (did you mean reviewedAdminGroups?)",
		"reviewedAdminGroups: {a: 6a7b8c9d}\n": "cannot unmarshal",
	} {
		_, err := Parse(".aksguard.yaml", []byte(data))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", data, err, want)
		}
	}
}
