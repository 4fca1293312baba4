package armtemplate

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
	"unicode"

	"github.com/aksguard/aksguard/source/armjson"
)

// Encoding functions: JSON, base64, data URIs and URIs.

func fnJSON(l *Library, args []*armjson.Node) (*armjson.Node, error) {
	s, err := argString(args, 0)
	if err != nil {
		return nil, err
	}
	n, err := armjson.Parse([]byte(s))
	if err != nil {
		return nil, fmt.Errorf("the argument is not JSON: %v", err)
	}
	return l.clone(n)
}

func fnBase64(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	s, err := argString(args, 0)
	if err != nil {
		return nil, err
	}
	return str(base64.StdEncoding.EncodeToString([]byte(s))), nil
}

func decodeBase64(args []*armjson.Node) (string, error) {
	s, err := argString(args, 0)
	if err != nil {
		return "", err
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return "", fmt.Errorf("the argument is not base64: %v", err)
	}
	return string(b), nil
}

func fnBase64ToString(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	s, err := decodeBase64(args)
	if err != nil {
		return nil, err
	}
	return str(s), nil
}

func fnBase64ToJSON(l *Library, args []*armjson.Node) (*armjson.Node, error) {
	s, err := decodeBase64(args)
	if err != nil {
		return nil, err
	}
	return fnJSON(l, []*armjson.Node{str(s)})
}

func fnDataURI(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	s, err := argString(args, 0)
	if err != nil {
		return nil, err
	}
	return str("data:text/plain;charset=utf8;base64," + base64.StdEncoding.EncodeToString([]byte(s))), nil
}

func fnDataURIToString(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	s, err := argString(args, 0)
	if err != nil {
		return nil, err
	}
	meta, data, ok := strings.Cut(strings.TrimPrefix(s, "data:"), ",")
	if !ok || !strings.HasPrefix(s, "data:") {
		return nil, fmt.Errorf("the argument is not a data URI")
	}
	if strings.HasSuffix(meta, ";base64") {
		b, err := base64.StdEncoding.DecodeString(data)
		if err != nil {
			return nil, fmt.Errorf("the data URI is not base64: %v", err)
		}
		return str(string(b)), nil
	}
	d, err := url.PathUnescape(data)
	if err != nil {
		return nil, fmt.Errorf("the data URI is malformed: %v", err)
	}
	return str(d), nil
}

func fnURI(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	b, err := argString(args, 0)
	if err != nil {
		return nil, err
	}
	r, err := argString(args, 1)
	if err != nil {
		return nil, err
	}
	base, err := url.Parse(b)
	if err != nil || !base.IsAbs() {
		return nil, fmt.Errorf("the base %q is not an absolute URI", b)
	}
	rel, err := url.Parse(r)
	if err != nil {
		return nil, fmt.Errorf("%q is not a URI: %v", r, err)
	}
	return str(base.ResolveReference(rel).String()), nil
}

// fnURIComponent escapes as .NET's Uri.EscapeDataString: everything but
// letters, digits and -_.~ is percent-encoded.
func fnURIComponent(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	s, err := argString(args, 0)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && (unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c)) || strings.IndexByte("-_.~", c) >= 0) {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return str(b.String()), nil
}

func fnURIComponentToString(_ *Library, args []*armjson.Node) (*armjson.Node, error) {
	s, err := argString(args, 0)
	if err != nil {
		return nil, err
	}
	d, err := url.PathUnescape(s)
	if err != nil {
		return nil, fmt.Errorf("the argument is not URI-encoded: %v", err)
	}
	return str(d), nil
}
