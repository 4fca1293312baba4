package terraform

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// files reads a module tree from the operating system or from an fs.FS.
// Paths are what the user gave joined with the module-relative ones, so
// that diagnostics and locations name files the user can open.
type files struct {
	fsys fs.FS // nil: the operating system
}

func (f files) readFile(name string) ([]byte, error) {
	if f.fsys == nil {
		return os.ReadFile(name)
	}
	return fs.ReadFile(f.fsys, name)
}

func (f files) readDir(name string) ([]fs.DirEntry, error) {
	if f.fsys == nil {
		return os.ReadDir(name)
	}
	return fs.ReadDir(f.fsys, name)
}

func (f files) join(elem ...string) string {
	if f.fsys == nil {
		return filepath.Join(elem...)
	}
	return path.Join(elem...)
}

func (f files) exists(name string) bool {
	var err error
	if f.fsys == nil {
		_, err = os.Stat(name)
	} else {
		_, err = fs.Stat(f.fsys, name)
	}
	return err == nil
}
