package terraform

import (
	"bytes"
	"context"
	"io/fs"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/aksguard/aksguard/source"
)

// localSources returns the local module sources a file calls, found
// without parsing it (finding roots must not cost a second parse of every
// file): lines `source = "./x"` or `source = "../x"`, as HCL or JSON.
func localSources(src []byte) []string {
	var out []string
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte("source"))
		if j < 0 {
			return out
		}
		i += j + len("source")
		rest := bytes.TrimLeft(src[i:], " \t\"")
		if len(rest) == 0 || (rest[0] != '=' && rest[0] != ':') {
			continue
		}
		rest = bytes.TrimLeft(rest[1:], " \t")
		if len(rest) == 0 || rest[0] != '"' {
			continue
		}
		rest = rest[1:]
		end := bytes.IndexByte(rest, '"')
		if end < 0 {
			return out
		}
		if v := string(rest[:end]); isLocalSource(v) {
			out = append(out, v)
		}
	}
}

// FindRoots returns the root modules under dir: the directories holding
// .tf or .tf.json files that no other directory under dir calls as a local
// module. .terraform and hidden directories are not entered. The result is
// sorted.
func FindRoots(ctx context.Context, dir string, opts Options) ([]string, error) {
	fsys := files{fsys: opts.FS}
	var dirs []string
	called := map[string]bool{}
	walk := func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if d.IsDir() {
			if p != dir && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
				return fs.SkipDir
			}
			return nil
		}
		n := d.Name()
		if !strings.HasSuffix(n, ".tf") && !strings.HasSuffix(n, ".tf.json") {
			return nil
		}
		parent := parentDir(fsys, p)
		if len(dirs) == 0 || dirs[len(dirs)-1] != parent {
			dirs = append(dirs, parent)
		}
		src, err := fsys.readFile(p)
		if err != nil {
			return nil // Read reports it
		}
		for _, s := range localSources(src) {
			called[cleanJoin(fsys, parent, s)] = true
		}
		return nil
	}
	var err error
	if opts.FS != nil {
		err = fs.WalkDir(opts.FS, dir, walk)
	} else {
		err = filepath.WalkDir(dir, walk)
	}
	if err != nil {
		return nil, err
	}
	var roots []string
	seen := map[string]bool{}
	for _, d := range dirs {
		if !called[d] && !seen[d] {
			seen[d] = true
			roots = append(roots, d)
		}
	}
	sort.Strings(roots)
	return roots, nil
}

func parentDir(fsys files, p string) string {
	if fsys.fsys == nil {
		return filepath.Dir(p)
	}
	return path.Dir(p)
}

func cleanJoin(fsys files, dir, rel string) string {
	if fsys.fsys == nil {
		return filepath.Join(dir, filepath.FromSlash(strings.ReplaceAll(rel, `\`, "/")))
	}
	return path.Join(dir, strings.ReplaceAll(rel, `\`, "/"))
}

// ReadAll reads root modules concurrently, one per processor, and returns
// their results in the order of roots. Options apply to every root
// (VarFiles and Vars included, as when terraform runs in each).
func ReadAll(ctx context.Context, roots []string, opts Options) []source.Result {
	out := make([]source.Result, len(roots))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(roots)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = Read(ctx, roots[i], opts)
			}
		}()
	}
	// After cancellation each Read returns at once, with the error.
	for i := range roots {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}
