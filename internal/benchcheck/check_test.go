package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aksguard/aksguard/report"
	"github.com/aksguard/aksguard/rules"
	"github.com/aksguard/aksguard/rules/catalog"
	"github.com/aksguard/aksguard/source/load"
)

const truthHeader = "env\tprivate\tauth_ranges\tauth_legacy\tnet_policy\trbac\taad\taad_azure_rbac\thttp_routing\toms_agent\tdefender\tkv_provider\tkv_rotation\tlocal_disabled\tazure_policy\tacr_admin\tacr_sku\tnsg_ssh_open\tnsg_ssh_private\tdiag\tdiag_audit\tuse_vars\n"

// TestCheckFindsMismatches: a wrong verdict, a missing finding and an
// extra one are each reported; the report of a scan that is right is not.
func TestCheckFindsMismatches(t *testing.T) {
	envs, err := readTruth(strings.NewReader(truthHeader +
		"env-00000\ttrue\t\tfalse\tazure\t\tfalse\tfalse\t\tfalse\tfalse\tfalse\tfalse\t\t\t\tBasic\tfalse\tfalse\t\tfalse\tfalse\n"))
	if err != nil {
		t.Fatal(err)
	}
	var right []finding
	for tg, v := range expected(envs["env-00000"]) {
		f := finding{Rule: tg.rule, Verdict: strings.Split(v, "|")[0]}
		f.Resource.Type = tg.typ
		f.Location.File = "/c/env-00000/main.tf"
		right = append(right, f)
	}
	if res := check(envs, right); len(res.mismatches) != 0 || res.checked != len(right) {
		t.Fatalf("right findings: %d checked, mismatches %v", res.checked, res.mismatches)
	}
	var wrong []finding
	for _, f := range right {
		switch f.Rule {
		case "AKS-NET-01": // a private cluster: must pass
			f.Verdict = "fail"
		case "AKS-LOG-04": // missing
			continue
		}
		wrong = append(wrong, f)
	}
	extra := finding{Rule: "AKS-NET-03", Verdict: "pass"}
	extra.Resource.Type = "appgateway"
	extra.Location.File = "/c/env-00000/main.tf"
	wrong = append(wrong, extra)
	if res := check(envs, wrong); len(res.mismatches) != 3 {
		t.Errorf("mismatches %v, want the wrong verdict, the missing and the extra finding", res.mismatches)
	}
}

// TestCorpusVerdicts scans the first environments of the benchmark corpus
// with the catalog and checks every verdict against the truth file.
func TestCorpusVerdicts(t *testing.T) {
	gen, _ := filepath.Abs("../gencorpus/main.go")
	if _, err := os.Stat(gen); err != nil || testing.Short() {
		t.Skip("no corpus generator, or -short")
	}
	dir := t.TempDir()
	truth := filepath.Join(dir, "truth.tsv")
	if out, err := exec.Command("go", "run", gen, "-n", "60", "-out", filepath.Join(dir, "c"), "-truth", truth).CombinedOutput(); err != nil {
		t.Fatalf("gen-corpus: %v\n%s", err, out)
	}
	ctx := context.Background()
	e, diags, _ := load.Paths(ctx, []string{filepath.Join(dir, "c")}, load.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	fs, err := rules.Evaluate(ctx, e, rules.DefaultConfig(), catalog.All())
	if err != nil {
		t.Fatal(err)
	}
	reportFile := filepath.Join(dir, "report.json")
	f, err := os.Create(reportFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := report.Write(f, report.JSON, &report.Report{Findings: fs}, report.Options{}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var out bytes.Buffer
	if err := run(truth, reportFile, &out); err != nil {
		t.Errorf("%v\n%s", err, out.String())
	}
}
