package armtemplate

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/aksguard/aksguard/source/armjson"
)

// This file and the lib_*.go files are the template function library. It
// knows nothing of template files: a function gets its evaluated arguments as
// armjson nodes and returns a node, so that the Bicep reader can reuse it.

// Func is one template function. It gets its evaluated arguments and returns
// the result, or an error for arguments ARM would reject. A result that can
// only be known at deployment (reference(), utcNow()) is an Unknown node, not
// an error. A Func may return a result together with an error when ARM would
// reject the arguments but their intent is clear (createObject with an
// unpaired last argument); the caller reports the error and keeps the
// result. Nodes a Func creates have Line 0; the caller places them.
type Func func(args []*armjson.Node) (*armjson.Node, error)

// ScopeKind is the kind of scope a deployment targets.
type ScopeKind uint8

// Deployment scopes.
const (
	ResourceGroupScope ScopeKind = iota
	SubscriptionScope
	ManagementGroupScope
	TenantScope
)

// Deployment is the context the resource functions (resourceId(),
// resourceGroup(), subscription(), deployment()) answer from.
type Deployment struct {
	Scope           ScopeKind
	SubscriptionID  string
	ResourceGroup   string
	ManagementGroup string
	TenantID        string
	// Location is the resource group's location; "" when unknown.
	Location string
	// Name is the deployment's name, as deployment().name returns it.
	Name string
}

// ScopeID returns the resource ID of the scope the deployment targets:
// "/subscriptions/<sub>/resourceGroups/<rg>", "/subscriptions/<sub>",
// "/providers/Microsoft.Management/managementGroups/<mg>" or "" (the tenant).
func (d Deployment) ScopeID() string {
	switch d.Scope {
	case SubscriptionScope:
		return "/subscriptions/" + d.SubscriptionID
	case ManagementGroupScope:
		return "/providers/Microsoft.Management/managementGroups/" + d.ManagementGroup
	case TenantScope:
		return ""
	}
	return "/subscriptions/" + d.SubscriptionID + "/resourceGroups/" + d.ResourceGroup
}

// Library is the function library for one deployment context. Its functions
// share a work budget, so that no sequence of calls can run away (ARM values
// may share subtrees, and a naive deep comparison of them is exponential).
type Library struct {
	dep  Deployment
	work *int
}

// maxWork bounds the nodes all deep operations (comparison, serialization,
// merging) of one library may visit; real templates visit a few thousand.
const maxWork = 1 << 22

// Size limits of one value, in line with ARM's own limits.
const (
	maxString = 1 << 20
	maxItems  = 1 << 16
)

var errWork = errors.New("the template needs more work to evaluate than allowed")

// NewLibrary returns the function library for a deployment context.
func NewLibrary(d Deployment) *Library {
	w := maxWork
	return &Library{dep: d, work: &w}
}

// WithDeployment returns a library for another deployment context (a nested
// deployment's) that shares this library's work budget.
func (l *Library) WithDeployment(d Deployment) *Library {
	return &Library{dep: d, work: l.work}
}

// Deployment returns the library's deployment context.
func (l *Library) Deployment() Deployment { return l.dep }

// charge spends n units of the work budget.
func (l *Library) charge(n int) error {
	*l.work -= n
	if *l.work < 0 {
		return errWork
	}
	return nil
}

// builtin is one entry of the function table.
type builtin struct {
	fn       func(l *Library, args []*armjson.Node) (*armjson.Node, error)
	min, max int // arity; max < 0 means no limit
	// lax functions take Unknown arguments themselves; for the others an
	// Unknown argument makes the result Unknown.
	lax bool
}

// Lookup returns the function named name (matched case-insensitively). Any
// list*() function (listKeys, listCredentials, ...) is found and returns
// Unknown, as its result exists only at deployment.
func (l *Library) Lookup(name string) (Func, bool) {
	lname := strings.ToLower(name)
	b, ok := builtins[lname]
	if !ok {
		if strings.HasPrefix(lname, "list") {
			return func([]*armjson.Node) (*armjson.Node, error) {
				return armjson.UnknownNode(0, name+"() is resolved at deployment"), nil
			}, true
		}
		return nil, false
	}
	return func(args []*armjson.Node) (*armjson.Node, error) {
		if len(args) < b.min || b.max >= 0 && len(args) > b.max {
			return nil, arityError(name, b.min, b.max, len(args))
		}
		if !b.lax {
			if u := firstUnknown(args); u != nil {
				return u, nil
			}
		}
		cost := 1
		for _, a := range args {
			cost += size(a)
		}
		if err := l.charge(cost); err != nil {
			return nil, err
		}
		res, err := b.fn(l, args)
		if err != nil {
			return res, fmt.Errorf("%s: %w", name, err)
		}
		if res == nil {
			res = null()
		}
		if err := checkSize(res); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if err := l.charge(size(res)); err != nil {
			return nil, err
		}
		return res, nil
	}, true
}

// Names returns the names of the library's functions, sorted.
func (l *Library) Names() []string {
	names := make([]string, 0, len(builtins))
	for n := range builtins {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func arityError(name string, min, max, got int) error {
	switch {
	case min == max:
		return fmt.Errorf("%s: takes %d argument(s), got %d", name, min, got)
	case max < 0:
		return fmt.Errorf("%s: takes at least %d argument(s), got %d", name, min, got)
	}
	return fmt.Errorf("%s: takes %d to %d arguments, got %d", name, min, max, got)
}

// size is what handling a value costs a function, in work units: its items
// or members, and a unit per 16 bytes of a string, so that a loop over
// megabyte strings runs out of budget as one over large arrays does.
func size(n *armjson.Node) int {
	if n == nil {
		return 0
	}
	return 1 + len(n.Str)/16 + len(n.Items) + len(n.Fields)
}

func checkSize(n *armjson.Node) error {
	switch n.Kind {
	case armjson.String:
		if len(n.Str) > maxString {
			return fmt.Errorf("the result is longer than %d characters", maxString)
		}
	case armjson.Array:
		if len(n.Items) > maxItems {
			return fmt.Errorf("the result has more than %d items", maxItems)
		}
	case armjson.Object:
		if len(n.Fields) > maxItems {
			return fmt.Errorf("the result has more than %d members", maxItems)
		}
	}
	return nil
}

// firstUnknown returns a fresh copy of the first Unknown argument, or nil.
func firstUnknown(args []*armjson.Node) *armjson.Node {
	for _, a := range args {
		if a != nil && a.Kind == armjson.Unknown {
			return armjson.UnknownNode(0, a.Reason)
		}
	}
	return nil
}

// Node constructors. Every call makes a fresh node: nodes are placed (given
// a line) after evaluation, so they must never be shared by accident.

func null() *armjson.Node { return &armjson.Node{Kind: armjson.Null} }

func str(s string) *armjson.Node { return &armjson.Node{Kind: armjson.String, Str: s} }

func boolean(b bool) *armjson.Node { return &armjson.Node{Kind: armjson.Bool, Bool: b} }

func trueNode() *armjson.Node { return boolean(true) }

func falseNode() *armjson.Node { return boolean(false) }

func integer(i int64) *armjson.Node {
	return &armjson.Node{Kind: armjson.Number, Num: strconv.FormatInt(i, 10)}
}

func float(f float64) *armjson.Node {
	return &armjson.Node{Kind: armjson.Number, Num: strconv.FormatFloat(f, 'f', -1, 64)}
}

func array(items ...*armjson.Node) *armjson.Node {
	return &armjson.Node{Kind: armjson.Array, Items: items}
}

func object() *armjson.Node { return &armjson.Node{Kind: armjson.Object} }

// unknownf returns a fresh Unknown node.
func unknownf(format string, a ...any) *armjson.Node {
	return armjson.UnknownNode(0, fmt.Sprintf(format, a...))
}

// kindName names a node's kind in error messages.
func kindName(n *armjson.Node) string {
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case armjson.Null:
		return "null"
	case armjson.Bool:
		return "a bool"
	case armjson.Number:
		return "a number"
	case armjson.String:
		return "a string"
	case armjson.Array:
		return "an array"
	case armjson.Object:
		return "an object"
	}
	return "unknown"
}

// Argument accessors. Each returns an error naming the argument.

func argString(args []*armjson.Node, i int) (string, error) {
	if args[i].Kind != armjson.String {
		return "", fmt.Errorf("argument %d is %s, want a string", i+1, kindName(args[i]))
	}
	return args[i].Str, nil
}

func argInt(args []*armjson.Node, i int) (int64, error) {
	if v, ok := asInt(args[i]); ok {
		return v, nil
	}
	return 0, fmt.Errorf("argument %d is %s, want an integer", i+1, kindName(args[i]))
}

func argBool(args []*armjson.Node, i int) (bool, error) {
	if b, ok := args[i].AsBool(); ok {
		return b, nil
	}
	return false, fmt.Errorf("argument %d is %s, want a bool", i+1, kindName(args[i]))
}

// asInt returns a number (or a string holding one, as parameter values
// given on the command line are) as an integer.
func asInt(n *armjson.Node) (int64, bool) {
	if n == nil {
		return 0, false
	}
	s := n.Num
	if n.Kind == armjson.String {
		s = strings.TrimSpace(n.Str)
	} else if n.Kind != armjson.Number {
		return 0, false
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return i, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != float64(int64(f)) {
		return 0, false
	}
	return int64(f), true
}

func asFloat(n *armjson.Node) (float64, bool) {
	if n == nil || n.Kind != armjson.Number {
		return 0, false
	}
	f, err := strconv.ParseFloat(n.Num, 64)
	return f, err == nil
}

// text renders a scalar as ARM does when it builds strings (concat, format):
// bools as True/False, null as "". Arrays and objects are compact JSON.
func (l *Library) text(n *armjson.Node) (string, error) {
	switch n.Kind {
	case armjson.String:
		return n.Str, nil
	case armjson.Number:
		return n.Num, nil
	case armjson.Bool:
		if n.Bool {
			return "True", nil
		}
		return "False", nil
	case armjson.Null:
		return "", nil
	}
	return l.encode(n)
}
