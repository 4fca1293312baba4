package kube

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
)

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// locate finds the value that made a custom JSON decoder of obj's type fail
// (a resource.Quantity "abc", a malformed timestamp): encoding/json returns
// those errors without an offset. It decodes, one by one, every value whose
// Go type has its own decoder and returns the first that fails with the
// same message.
func (d *jsonDoc) locate(obj any, failure error) (mark, bool) {
	root := reflect.TypeOf(obj)
	types := make([]reflect.Type, len(d.marks)) // Go type of each value, nil when unknown
	for i, m := range d.marks {
		switch {
		case m.parent < 0:
			types[i] = root
		case types[m.parent] != nil:
			types[i] = member(types[m.parent], m.key)
		}
		t := types[i]
		if t == nil || !reflect.PointerTo(t).Implements(unmarshalerType) {
			continue
		}
		var raw json.RawMessage
		if json.NewDecoder(bytes.NewReader(d.data[m.off:])).Decode(&raw) != nil {
			continue
		}
		err := json.Unmarshal(raw, reflect.New(t).Interface())
		if err != nil && err.Error() == failure.Error() {
			return m, true
		}
	}
	return mark{}, false
}

// member returns the Go type of member key (of a mapping) or of an item (key
// "") of a value of type t, or nil.
func member(t reflect.Type, key string) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Map:
		return t.Elem()
	case reflect.Slice, reflect.Array:
		if key == "" {
			return t.Elem()
		}
	case reflect.Struct:
		if key != "" {
			return structField(t, key)
		}
	}
	return nil
}

// structField finds the struct field that JSON member key decodes into, looking
// into embedded and ",inline" structs as encoding/json does.
func structField(t reflect.Type, key string) reflect.Type {
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" {
			ft := f.Type
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				if r := structField(ft, key); r != nil {
					return r
				}
			}
			continue
		}
		if name == "" {
			name = f.Name
		}
		if strings.EqualFold(name, key) {
			return f.Type
		}
	}
	return nil
}
