package main

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
)

// env is one environment's row of the truth file, by column name.
type env map[string]string

// readTruth reads the generator's TSV: a header, then one row per
// environment ("env-00042", then its drawn settings).
func readTruth(r io.Reader) (map[string]env, error) {
	sc := bufio.NewScanner(r)
	if !sc.Scan() {
		return nil, fmt.Errorf("no header")
	}
	cols := strings.Split(sc.Text(), "\t")
	out := map[string]env{}
	for line := 2; sc.Scan(); line++ {
		vals := strings.Split(sc.Text(), "\t")
		if len(vals) != len(cols) {
			return nil, fmt.Errorf("line %d: %d columns, want %d", line, len(vals), len(cols))
		}
		e := env{}
		for i, c := range cols {
			e[c] = vals[i]
		}
		out[e["env"]] = e
	}
	return out, sc.Err()
}

// target is what a finding is about: a rule on a kind of resource (each
// environment has one cluster, one node pool, one registry, one workspace).
type target struct{ rule, typ string }

// expected returns the verdicts the catalog must give an environment of
// the generator, from what the generator drew (RULES.md says why each
// follows). A verdict "pass|fail" depends on a setting the truth file does
// not record (a Premium registry's public network access).
func expected(e env) map[target]string {
	verdict := func(ok bool) string {
		if ok {
			return "pass"
		}
		return "fail"
	}
	var ranges []string
	if e["auth_ranges"] != "" {
		ranges = strings.Split(e["auth_ranges"], ",")
	}
	aad := e["aad"] == "true"
	iam04 := "pass" // no role assignment in the corpus
	if aad {
		iam04 = "unknown" // its admin group's membership is not in the inputs
	}
	ext02 := "fail" // below Premium the registry cannot close public access
	if e["acr_sku"] == "Premium" {
		ext02 = "pass|fail"
	}
	return map[target]string{
		// The settings the generator draws.
		{"AKS-NET-01", "cluster"}:  verdict(e["private"] == "true" || len(ranges) > 0 && !slices.Contains(ranges, "0.0.0.0/0")),
		{"AKS-NET-05", "cluster"}:  verdict(e["net_policy"] != ""),
		{"AKS-EXT-01", "cluster"}:  verdict(e["rbac"] != "false"), // the provider's default is on
		{"AKS-IAM-01", "cluster"}:  verdict(aad),
		{"AKS-IAM-03", "cluster"}:  verdict(aad && e["aad_azure_rbac"] == "true"),
		{"AKS-NET-08", "cluster"}:  verdict(e["http_routing"] != "true"),
		{"AKS-LOG-03", "cluster"}:  verdict(e["oms_agent"] == "true"),
		{"AKS-DEF-01", "cluster"}:  verdict(e["defender"] == "true"),
		{"AKS-IAM-08", "cluster"}:  verdict(e["kv_provider"] == "true" && e["kv_rotation"] == "true"),
		{"AKS-IAM-02", "cluster"}:  verdict(e["local_disabled"] == "true"),
		{"AKS-IMG-03", "cluster"}:  verdict(e["azure_policy"] == "true"),
		{"AKS-LOG-01", "cluster"}:  verdict(e["diag"] != "" && e["diag_audit"] == "true"),
		{"AKS-IAM-04", "cluster"}:  iam04,
		{"AKS-IAM-05", "registry"}: verdict(e["acr_admin"] != "true"),
		{"AKS-EXT-02", "registry"}: ext02,
		// The same in every environment.
		{"AKS-NET-06", "cluster"}:   "fail", // no NSG rule denies SSH: Azure's AllowVnetInBound admits the VNet
		{"AKS-NET-02", "cluster"}:   "fail", // outbound_type loadBalancer
		{"AKS-NET-04", "cluster"}:   "pass", // at most 5 nodes
		{"AKS-IAM-06", "cluster"}:   "pass", // SystemAssigned, its own kubelet identity
		{"AKS-IAM-09", "cluster"}:   "fail", // no KMS, no disk encryption set
		{"AKS-EXT-03", "cluster"}:   "fail", // no automatic upgrade channel
		{"AKS-EXT-05", "cluster"}:   "fail", // no workload identity
		{"AKS-NET-10", "cluster"}:   "manual",
		{"AKS-NET-09", "nodepool"}:  "pass", // no node public IPs
		{"AKS-EXT-04", "nodepool"}:  "fail", // managed OS disks, no host encryption
		{"AKS-LOG-02", "registry"}:  "fail", // no diagnostic setting on the registry
		{"AKS-DEF-02", "registry"}:  "fail", // no Defender plan in the corpus
		{"AKS-LOG-04", "workspace"}: "fail", // no lock on the workspace
	}
}

type result struct {
	checked    int
	mismatches []string
}

// check compares the findings, grouped by environment (the directory of
// the file each points into), with what each environment implies.
func check(envs map[string]env, fs []finding) result {
	got := map[string]map[target][]string{}
	for _, f := range fs {
		name := filepath.Base(filepath.Dir(f.Location.File))
		if got[name] == nil {
			got[name] = map[target][]string{}
		}
		t := target{f.Rule, f.Resource.Type}
		got[name][t] = append(got[name][t], f.Verdict)
	}
	var res result
	names := make([]string, 0, len(envs))
	for name := range envs {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		want := expected(envs[name])
		for _, t := range sortedTargets(want) {
			v := got[name][t]
			res.checked += len(v)
			switch {
			case len(v) != 1:
				res.mismatches = append(res.mismatches, fmt.Sprintf("%s: %s on %s: %d findings, want one (%s)", name, t.rule, t.typ, len(v), want[t]))
			case !slices.Contains(strings.Split(want[t], "|"), v[0]):
				res.mismatches = append(res.mismatches, fmt.Sprintf("%s: %s on %s: %s, want %s", name, t.rule, t.typ, v[0], want[t]))
			}
		}
		for _, t := range sortedTargets(got[name]) {
			if _, ok := want[t]; !ok {
				res.checked += len(got[name][t])
				res.mismatches = append(res.mismatches, fmt.Sprintf("%s: %s on %s: %v, want no finding", name, t.rule, t.typ, got[name][t]))
			}
		}
		delete(got, name)
	}
	for name := range got {
		res.mismatches = append(res.mismatches, fmt.Sprintf("%s: findings for an environment the truth file does not list", name))
	}
	return res
}

func sortedTargets[V any](m map[target]V) []target {
	ts := make([]target, 0, len(m))
	for t := range m {
		ts = append(ts, t)
	}
	slices.SortFunc(ts, func(a, b target) int { return strings.Compare(a.rule+a.typ, b.rule+b.typ) })
	return ts
}
