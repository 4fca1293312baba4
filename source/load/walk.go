package load

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/aksguard/aksguard/estate"
	"github.com/aksguard/aksguard/source"
)

// skipDirs are never entered: version control, tool caches, dependencies.
var skipDirs = map[string]bool{".git": true, ".hg": true, ".svn": true, ".terraform": true, "node_modules": true}

// Paths loads files and directories (recursively) and merges all that they
// hold into one estate. "-" reads Options.Stdin; no path means ".". A path
// that cannot be read is a diagnostic naming it, and the other paths are
// still read. Symbolic links are followed, but a directory is entered once:
// a link back to an ancestor (a loop) is a warning, not a hang. ctx stops
// the walk and the reads; what was read so far is returned with an error
// diagnostic.
func Paths(ctx context.Context, paths []string, opts Options) (*estate.Estate, source.Diagnostics, Stats) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	w := &walker{ctx: ctx, limit: opts.limit(), exclude: opts.Exclude, dirs: map[fileKey]bool{}, files: map[fileKey]int{}}
	stdin := false
	for _, p := range paths {
		if ctx.Err() != nil {
			break
		}
		if p == "-" {
			if !stdin {
				stdin = true
				w.inputs = append(w.inputs, stdinInput(opts.Stdin, opts.limit()))
			}
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			w.diags = append(w.diags, source.Errorf(p, 0, "%s", describe(err)))
			continue
		}
		if fi.IsDir() {
			k := keyOf(p, fi)
			w.dirs[k] = true
			w.walk(p, []fileKey{k})
			continue
		}
		w.addFile(p, fi, true)
	}
	sibling := func(name string) ([]byte, bool, error) {
		f, err := os.Open(name)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, false, nil
		}
		if err != nil {
			return nil, true, err
		}
		defer f.Close()
		fi, err := f.Stat()
		if err != nil || !fi.Mode().IsRegular() {
			return nil, false, nil
		}
		data, err := readLimited(f, fi.Size(), opts.limit())
		return data, true, err
	}
	return run(ctx, nil, w.inputs, sibling, opts, w.diags)
}

type walker struct {
	ctx     context.Context
	limit   int64
	exclude []os.FileInfo
	inputs  []input
	diags   source.Diagnostics
	dirs    map[fileKey]bool // directories entered
	files   map[fileKey]int  // files added, to their index in inputs
}

// walk reads directory dir; stack holds the keys of dir and its ancestors,
// to tell a loop from a second link to a directory already read.
func (w *walker) walk(dir string, stack []fileKey) {
	if w.ctx.Err() != nil {
		return
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		w.diags = append(w.diags, source.Errorf(dir, 0, "read directory: %s", describe(err)))
		// ReadDir returns what it read before the error; go on with that.
	}
	for _, e := range entries {
		if w.ctx.Err() != nil {
			return
		}
		name := filepath.Join(dir, e.Name())
		typ := e.Type()
		var fi fs.FileInfo
		if typ&fs.ModeSymlink != 0 {
			fi, err = os.Stat(name)
			if err != nil {
				w.diags = append(w.diags, source.Warnf(name, 0, "broken symbolic link, skipped: %s", describe(err)))
				continue
			}
		} else {
			if typ.IsDir() && skipDirs[e.Name()] {
				continue
			}
			if fi, err = e.Info(); err != nil {
				continue // removed while we walked
			}
		}
		switch {
		case fi.IsDir():
			k := keyOf(name, fi)
			if inStack(stack, k) {
				w.diags = append(w.diags, source.Warnf(name, 0, "symbolic link loop (points to a directory that contains it): not followed"))
				continue
			}
			if w.dirs[k] {
				continue // already read through another path
			}
			w.dirs[k] = true
			w.walk(name, append(stack[:len(stack):len(stack)], k))
		case fi.Mode().IsRegular():
			w.addFile(name, fi, false)
		}
		// Devices, FIFOs and sockets inside a directory are not inputs.
	}
}

func inStack(stack []fileKey, k fileKey) bool {
	for _, s := range stack {
		if s == k {
			return true
		}
	}
	return false
}

// addFile adds a file once, however many paths lead to it; naming it on the
// command line makes it explicit even if a directory walk found it first.
func (w *walker) addFile(name string, fi fs.FileInfo, explicit bool) {
	for _, ex := range w.exclude {
		if os.SameFile(fi, ex) {
			return
		}
	}
	k := keyOf(name, fi)
	if i, ok := w.files[k]; ok {
		w.inputs[i].explicit = w.inputs[i].explicit || explicit
		return
	}
	w.files[k] = len(w.inputs)
	limit := w.limit
	w.inputs = append(w.inputs, input{name: name, explicit: explicit, read: func() ([]byte, error) {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		size := int64(-1)
		if fi.Mode().IsRegular() {
			size = fi.Size()
		}
		return readLimited(f, size, limit)
	}})
}

// FS loads every file of fsys, as Paths loads a directory. Tests and
// golden harnesses use it with fstest.MapFS. Symbolic links are not
// followed.
func FS(ctx context.Context, fsys fs.FS, opts Options) (*estate.Estate, source.Diagnostics, Stats) {
	var inputs []input
	var diags source.Diagnostics
	limit := opts.limit()
	read := func(name string) ([]byte, error) {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		size := int64(-1)
		if fi, err := f.Stat(); err == nil {
			size = fi.Size()
		}
		return readLimited(f, size, limit)
	}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			diags = append(diags, source.Errorf(p, 0, "%s", describe(err)))
			return nil
		}
		if d.IsDir() {
			if p != "." && skipDirs[d.Name()] {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			inputs = append(inputs, input{name: p, read: func() ([]byte, error) { return read(p) }})
		}
		return nil
	})
	if err != nil && ctx.Err() == nil {
		diags = append(diags, source.Errorf(".", 0, "%s", describe(err)))
	}
	sibling := func(name string) ([]byte, bool, error) {
		name = path.Clean(filepath.ToSlash(name))
		if _, err := fs.Stat(fsys, name); err != nil {
			return nil, false, nil
		}
		data, err := read(name)
		return data, true, err
	}
	return run(ctx, fsys, inputs, sibling, opts, diags)
}
