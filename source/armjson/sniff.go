package armjson

import (
	"bytes"
	"encoding/json"
	"strings"
)

// Looks reports whether data looks like exported Azure resource JSON, in one
// of the shapes Read accepts: a resource object with an ARM "id" (or an "id"
// and a "type" with a provider namespace), an array of them, an ARM list
// response or Resource Graph output. It reads only as far as the first
// resource, so a loader can call it on every JSON file to pick the reader.
// The REST API reference's example files look like it too; ARM templates,
// Kubernetes objects and Terraform plans do not.
func Looks(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	ok, _ := sniff(dec, 0)
	return ok
}

// sniffDepth bounds how deep Looks follows nested lists.
const sniffDepth = 8

// sniff reads the next value from dec and reports whether it is, or starts
// with, an Azure resource.
func sniff(dec *json.Decoder, depth int) (bool, error) {
	tok, err := dec.Token()
	if err != nil {
		return false, err
	}
	d, ok := tok.(json.Delim)
	if !ok || depth > sniffDepth {
		if ok {
			return false, skipRest(dec)
		}
		return false, nil
	}
	switch d {
	case '[':
		if !dec.More() {
			return false, nil // an empty list says nothing
		}
		return sniff(dec, depth+1) // the first element decides
	case '{':
		return sniffObject(dec, depth)
	}
	return false, nil
}

// sniffObject reads an object's members (after its '{').
func sniffObject(dec *json.Decoder, depth int) (bool, error) {
	var id, typ string
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return false, err
		}
		key, _ := kt.(string)
		switch strings.ToLower(key) {
		case "id", "type":
			vt, err := dec.Token()
			if err != nil {
				return false, err
			}
			s, _ := vt.(string)
			if d, isDelim := vt.(json.Delim); isDelim && (d == '{' || d == '[') {
				if err := skipRest(dec); err != nil {
					return false, err
				}
			}
			if strings.ToLower(key) == "id" {
				id = s
			} else {
				typ = s
			}
			if isARMID(id) || (id != "" && strings.Contains(typ, "/")) {
				return true, nil
			}
		case "responses":
			// A REST API reference example: {"responses": {"200": {"body": ...}}}.
			ok, err := sniffResponses(dec, depth)
			if ok || err != nil {
				return ok, err
			}
		case "value", "data":
			ok, err := sniff(dec, depth+1)
			if ok || err != nil {
				return ok, err
			}
			// sniff stopped inside the value; the rest cannot be read in step.
			return false, nil
		case "columns":
			// Resource Graph's table format: {"data": {"columns": [...], "rows": [...]}}.
			var cols []struct {
				Name string `json:"name"`
			}
			if depth == 0 || dec.Decode(&cols) != nil {
				return false, nil
			}
			for _, c := range cols {
				if strings.EqualFold(c.Name, "id") {
					return true, nil
				}
			}
		default:
			if err := skipValue(dec); err != nil {
				return false, err
			}
		}
	}
	return false, nil
}

// skipValue reads and drops the next value.
func skipValue(dec *json.Decoder) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); ok && (d == '{' || d == '[') {
		return skipRest(dec)
	}
	return nil
}

// skipRest drops the rest of an object or array whose opening delimiter was read.
func skipRest(dec *json.Decoder) error {
	for depth := 1; depth > 0; {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{', '[':
				depth++
			default:
				depth--
			}
		}
	}
	return nil
}

// sniffResponses reads an example's "responses" object: {"<code>": {"body": ...}}.
func sniffResponses(dec *json.Decoder, depth int) (bool, error) {
	tok, err := dec.Token()
	if err != nil {
		return false, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		if ok {
			return false, skipRest(dec)
		}
		return false, nil
	}
	for dec.More() {
		if _, err := dec.Token(); err != nil { // the status code
			return false, err
		}
		tok, err := dec.Token()
		if err != nil {
			return false, err
		}
		if d, ok := tok.(json.Delim); !ok || d != '{' {
			if ok {
				if err := skipRest(dec); err != nil {
					return false, err
				}
			}
			continue
		}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return false, err
			}
			if k, _ := kt.(string); strings.EqualFold(k, "body") {
				return sniff(dec, depth+1)
			}
			if err := skipValue(dec); err != nil {
				return false, err
			}
		}
		if _, err := dec.Token(); err != nil { // the response's '}'
			return false, err
		}
	}
	_, err = dec.Token() // the responses' '}'
	return false, err
}
