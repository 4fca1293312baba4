package bicep

import (
	"encoding/base64"
	"fmt"
	"math/big"
	"net/netip"
	"strings"

	"github.com/aksguard/aksguard/source/armjson"
	"sigs.k8s.io/yaml"
)

// Functions only Bicep has: the file loaders, which the compiler inlines
// (so they are read here, relative to the file, as modules are), and the
// CIDR functions.

func (s *scope) loadContent(name string, c *call, env *locals) *armjson.Node {
	if len(c.args) < 1 || len(c.args) > 3 {
		return s.failf(c.p, "%s() takes a file path", c.name)
	}
	pv := s.eval(c.args[0], env)
	if pv.Kind != armjson.String {
		return s.failf(c.p, "the path of %s() must be a string known before deployment, not %s", c.name, kindName(pv))
	}
	p := resolvePath(s.name, pv.Str)
	data, err := s.ev.readFile(p)
	if err != nil {
		return s.failf(c.p, "%s(%q): %v", c.name, pv.Str, err)
	}
	switch name {
	case "loadtextcontent":
		return str(strings.TrimPrefix(string(data), "\uFEFF"))
	case "loadfileasbase64":
		return str(base64.StdEncoding.EncodeToString(data))
	case "loadyamlcontent":
		j, err := yaml.YAMLToJSON(data)
		if err != nil {
			return s.failf(c.p, "%s(%q): %v", c.name, pv.Str, err)
		}
		data = j
	}
	n, err := armjson.Parse(data)
	if err != nil {
		return s.failf(c.p, "%s(%q): %v", c.name, pv.Str, err)
	}
	n = s.ev.relocate(n, 0)
	if len(c.args) >= 2 {
		path := s.eval(c.args[1], env)
		if path.Kind != armjson.String {
			return s.failf(c.p, "the path expression of %s() must be a string", c.name)
		}
		return s.jsonPath(c.p, n, path.Str)
	}
	return n
}

// jsonPath follows a simple JSONPath ($.a.b[0], $['a']) into n.
func (s *scope) jsonPath(p Pos, n *armjson.Node, path string) *armjson.Node {
	rest := strings.TrimPrefix(strings.TrimSpace(path), "$")
	cur := n
	for rest != "" {
		switch {
		case strings.HasPrefix(rest, "."):
			rest = rest[1:]
			end := strings.IndexAny(rest, ".[")
			if end < 0 {
				end = len(rest)
			}
			cur = s.get(p, cur, rest[:end], false)
			rest = rest[end:]
		case strings.HasPrefix(rest, "["):
			end := strings.IndexByte(rest, ']')
			if end < 0 {
				return s.failf(p, "unsupported JSONPath %q", path)
			}
			key := strings.Trim(rest[1:end], `'" `)
			if i, ok := (&armjson.Node{Kind: armjson.String, Str: key}).Int(); ok && cur.Kind == armjson.Array {
				if i < 0 || i >= len(cur.Items) {
					return s.failf(p, "JSONPath %q: index %d is out of range", path, i)
				}
				cur = cur.Items[i]
			} else {
				cur = s.get(p, cur, key, false)
			}
			rest = rest[end+1:]
		default:
			return s.failf(p, "unsupported JSONPath %q", path)
		}
		if cur.Kind == armjson.Unknown {
			return cur
		}
	}
	return cur
}

type cidrFunc func(prefix netip.Prefix, args []*armjson.Node) (*armjson.Node, error)

var cidrFuncs = map[string]cidrFunc{
	"parsecidr":  parseCidr,
	"cidrsubnet": cidrSubnet,
	"cidrhost":   cidrHost,
}

func (s *scope) cidr(c *call, f cidrFunc, args []*armjson.Node) *armjson.Node {
	want := map[string]int{"parsecidr": 1, "cidrsubnet": 3, "cidrhost": 2}[strings.ToLower(c.name)]
	if len(args) != want {
		return s.failf(c.p, "%s() takes %d argument(s), got %d", c.name, want, len(args))
	}
	for _, a := range args {
		if a.Kind == armjson.Unknown {
			return unknownFrom(a)
		}
	}
	if args[0].Kind != armjson.String {
		return s.failf(c.p, "%s() takes a CIDR string, not %s", c.name, kindName(args[0]))
	}
	prefix, err := netip.ParsePrefix(strings.TrimSpace(args[0].Str))
	if err != nil {
		return s.failf(c.p, "%s(): %q is not a CIDR range", c.name, args[0].Str)
	}
	v, err := f(prefix.Masked(), args[1:])
	if err != nil {
		return s.failf(c.p, "%s(): %v", c.name, err)
	}
	return v
}

func addrInt(a netip.Addr) *big.Int {
	b := a.AsSlice()
	return new(big.Int).SetBytes(b)
}

func intAddr(i *big.Int, v4 bool) netip.Addr {
	n := 16
	if v4 {
		n = 4
	}
	b := i.FillBytes(make([]byte, n))
	a, _ := netip.AddrFromSlice(b)
	return a
}

// span returns the first and last address of a prefix.
func span(p netip.Prefix) (first, last *big.Int) {
	bits := p.Addr().BitLen()
	first = addrInt(p.Addr())
	size := new(big.Int).Lsh(big.NewInt(1), uint(bits-p.Bits()))
	last = new(big.Int).Sub(new(big.Int).Add(first, size), big.NewInt(1))
	return first, last
}

func parseCidr(p netip.Prefix, _ []*armjson.Node) (*armjson.Node, error) {
	v4 := p.Addr().Is4()
	first, last := span(p)
	mask := new(big.Int).Lsh(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(p.Bits())), big.NewInt(1)), uint(p.Addr().BitLen()-p.Bits()))
	o := object()
	o.Set("network", str(p.Addr().String()))
	o.Set("netmask", str(intAddr(mask, v4).String()))
	lo, hi := first, last
	if v4 {
		o.Set("broadcast", str(intAddr(last, true).String()))
		if p.Bits() < 31 {
			lo = new(big.Int).Add(first, big.NewInt(1))
			hi = new(big.Int).Sub(last, big.NewInt(1))
		}
	}
	o.Set("firstUsable", str(intAddr(lo, v4).String()))
	o.Set("lastUsable", str(intAddr(hi, v4).String()))
	o.Set("cidr", integer(p.Bits()))
	return o, nil
}

func cidrSubnet(p netip.Prefix, args []*armjson.Node) (*armjson.Node, error) {
	bits, ok1 := asInt(args[0])
	idx, ok2 := asInt(args[1])
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("the new CIDR and the index must be integers")
	}
	if bits < p.Bits() || bits > p.Addr().BitLen() {
		return nil, fmt.Errorf("the new CIDR /%d must be between /%d and /%d", bits, p.Bits(), p.Addr().BitLen())
	}
	count := new(big.Int).Lsh(big.NewInt(1), uint(bits-p.Bits()))
	if idx < 0 || big.NewInt(int64(idx)).Cmp(count) >= 0 {
		return nil, fmt.Errorf("index %d is out of range: /%d holds %s /%d subnets", idx, p.Bits(), count, bits)
	}
	first, _ := span(p)
	off := new(big.Int).Lsh(big.NewInt(int64(idx)), uint(p.Addr().BitLen()-bits))
	a := intAddr(new(big.Int).Add(first, off), p.Addr().Is4())
	return str(netip.PrefixFrom(a, bits).String()), nil
}

func cidrHost(p netip.Prefix, args []*armjson.Node) (*armjson.Node, error) {
	idx, ok := asInt(args[0])
	if !ok || idx < 0 {
		return nil, fmt.Errorf("the host index must be a non-negative integer")
	}
	first, last := span(p)
	h := new(big.Int).Add(first, big.NewInt(int64(idx)))
	if p.Addr().Is4() && p.Bits() < 31 {
		// IPv4 hosts start after the network address.
		h.Add(h, big.NewInt(1))
		last = new(big.Int).Sub(last, big.NewInt(1))
	}
	if h.Cmp(last) > 0 {
		return nil, fmt.Errorf("host %d is out of range of %s", idx, p)
	}
	return str(intAddr(h, p.Addr().Is4()).String()), nil
}
