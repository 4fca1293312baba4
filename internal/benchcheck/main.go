// Command benchcheck checks the verdicts of an aksguard JSON report of the
// benchmark corpus (internal/gencorpus, ../shared/bench/gen-corpus.go)
// against the settings the generator drew for each environment (its -truth
// file), so that the benchmark measures a scan that is right, not only
// fast. scripts/bench-terraform.sh runs it.
//
//	go run ./internal/benchcheck -truth truth.tsv -report report.json
//
// Every finding of every environment is checked, and every expected one
// must be there: a missing, extra or different verdict is a mismatch. The
// exit code is 1 when there is one.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	truth := flag.String("truth", "", "the generator's -truth TSV file")
	reportFile := flag.String("report", "", "the aksguard JSON report of the generated tree")
	flag.Parse()
	if *truth == "" || *reportFile == "" {
		fmt.Fprintln(os.Stderr, "usage: benchcheck -truth truth.tsv -report report.json")
		os.Exit(2)
	}
	if err := run(*truth, *reportFile, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "benchcheck: %v\n", err)
		os.Exit(1)
	}
}

func run(truthFile, reportFile string, out io.Writer) error {
	tf, err := os.Open(truthFile)
	if err != nil {
		return err
	}
	defer tf.Close()
	envs, err := readTruth(tf)
	if err != nil {
		return fmt.Errorf("%s: %w", truthFile, err)
	}
	rf, err := os.Open(reportFile)
	if err != nil {
		return err
	}
	defer rf.Close()
	var rep jsonReport
	if err := json.NewDecoder(rf).Decode(&rep); err != nil {
		return fmt.Errorf("%s: %w", reportFile, err)
	}
	res := check(envs, rep.Findings)
	fmt.Fprintf(out, "benchcheck: %d environments, %d findings checked against the truth file, %d mismatches\n", len(envs), res.checked, len(res.mismatches))
	for i, m := range res.mismatches {
		if i == 20 {
			fmt.Fprintf(out, "  ... and %d more\n", len(res.mismatches)-20)
			break
		}
		fmt.Fprintf(out, "  %s\n", m)
	}
	if len(res.mismatches) > 0 {
		return fmt.Errorf("%d verdicts differ from what the truth file implies", len(res.mismatches))
	}
	return nil
}

// jsonReport is the part of the JSON report the check reads.
type jsonReport struct {
	Findings []finding `json:"findings"`
}

type finding struct {
	Rule     string `json:"rule"`
	Verdict  string `json:"verdict"`
	Resource struct {
		Type string `json:"type"`
		Name string `json:"name"`
	} `json:"resource"`
	Location struct {
		File string `json:"file"`
	} `json:"location"`
}
