package load

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// textExts are the extensions whose files must be UTF-8 text: a .json or
// .yaml file that is not is an error, not a binary to skip.
var textExts = map[string]bool{".json": true, ".jsonc": true, ".yaml": true, ".yml": true}

// decodeText returns data as UTF-8 without a byte order mark. UTF-16 with a
// BOM (what Windows PowerShell 5 writes with `>`) is transcoded; line breaks
// are kept, so lines stay right. binary is true for content that is not
// text; err is set for invalid UTF-8, with the line of the first bad byte.
func decodeText(data []byte) (text []byte, binary bool, err error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return fromUTF16(data[2:], false), false, nil
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return fromUTF16(data[2:], true), false, nil
	}
	head := data
	if len(head) > 8000 {
		head = head[:8000]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return nil, true, nil
	}
	if !utf8.Valid(data) {
		return nil, false, invalidUTF8(data)
	}
	return data, false, nil
}

func fromUTF16(b []byte, bigEndian bool) []byte {
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	return []byte(string(utf16.Decode(u)))
}

// encodingError is text that is not UTF-8, with the line of the first
// invalid byte.
type encodingError struct {
	Line int
}

func (e *encodingError) Error() string {
	return "not UTF-8 text (re-save the file as UTF-8)"
}

func invalidUTF8(data []byte) error {
	line := 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		if r == '\n' {
			line++
		}
		i += size
	}
	return &encodingError{Line: line}
}

// mustBeText reports whether name's extension promises text.
func mustBeText(name string) bool {
	return textExts[strings.ToLower(filepath.Ext(name))]
}

// isBlank reports whether data holds only white space.
func isBlank(data []byte) bool { return len(bytes.TrimSpace(data)) == 0 }

// isYAMLWithoutContent reports whether a .yaml/.yml file holds nothing but
// comments and document separators: a manifest whose every object is
// commented out is as empty as an empty file, not an unknown kind of input.
func isYAMLWithoutContent(name string, data []byte) bool {
	lower := strings.ToLower(name)
	if !strings.HasSuffix(lower, ".yaml") && !strings.HasSuffix(lower, ".yml") {
		return false
	}
	for _, line := range bytes.Split(data, []byte("\n")) {
		l := bytes.TrimSpace(line)
		if len(l) == 0 || l[0] == '#' || bytes.Equal(l, []byte("---")) || bytes.Equal(l, []byte("...")) {
			continue
		}
		return false
	}
	return true
}

// sizeError is a file over the size limit.
type sizeError struct {
	Size, Limit int64
}

func (e *sizeError) Error() string {
	return fmt.Sprintf("file is %s, over the %s limit: skipped", human(e.Size), human(e.Limit))
}

func human(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
