package terraform

import (
	"errors"
	"fmt"
	"math/big"
	"net/netip"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// The CIDR functions follow Terraform's (which use hashicorp/go-cidr):
// cidrsubnet extends the prefix by newbits and picks subnet netnum,
// cidrhost numbers hosts from the start (negative from the end).

func parsePrefix(s string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("invalid CIDR expression: %w", err)
	}
	return p.Masked(), nil
}

func addrInt(a netip.Addr) *big.Int { return new(big.Int).SetBytes(a.AsSlice()) }

func intAddr(n *big.Int, is4 bool) (netip.Addr, bool) {
	size := 16
	if is4 {
		size = 4
	}
	if n.Sign() < 0 || n.BitLen() > size*8 {
		return netip.Addr{}, false
	}
	b := n.FillBytes(make([]byte, size))
	a, ok := netip.AddrFromSlice(b)
	return a, ok
}

func subnet(base netip.Prefix, newbits int, num *big.Int) (netip.Prefix, error) {
	total := base.Addr().BitLen()
	bits := base.Bits() + newbits
	if newbits < 0 || bits > total {
		return netip.Prefix{}, fmt.Errorf("insufficient address space to extend prefix of %d by %d", base.Bits(), newbits)
	}
	max := new(big.Int).Lsh(big.NewInt(1), uint(newbits))
	if num.Sign() < 0 || num.Cmp(max) >= 0 {
		return netip.Prefix{}, fmt.Errorf("prefix extension of %d does not accommodate a subnet numbered %s", newbits, num)
	}
	n := addrInt(base.Addr())
	n.Or(n, new(big.Int).Lsh(num, uint(total-bits)))
	a, ok := intAddr(n, base.Addr().Is4())
	if !ok {
		return netip.Prefix{}, errors.New("address out of range")
	}
	return netip.PrefixFrom(a, bits), nil
}

func bigOf(v cty.Value) (*big.Int, error) {
	i, acc := v.AsBigFloat().Int(nil)
	if acc != big.Exact {
		return nil, errors.New("must be a whole number")
	}
	return i, nil
}

var cidrSubnetFunc = function.New(&function.Spec{
	Params: []function.Parameter{
		{Name: "prefix", Type: cty.String}, {Name: "newbits", Type: cty.Number}, {Name: "netnum", Type: cty.Number},
	},
	Type: function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		base, err := parsePrefix(args[0].AsString())
		if err != nil {
			return cty.NilVal, err
		}
		nb, err := bigOf(args[1])
		if err != nil || !nb.IsInt64() {
			return cty.NilVal, errors.New("newbits must be a whole number")
		}
		num, err := bigOf(args[2])
		if err != nil {
			return cty.NilVal, err
		}
		p, err := subnet(base, int(nb.Int64()), num)
		if err != nil {
			return cty.NilVal, err
		}
		return cty.StringVal(p.String()), nil
	},
})

var cidrSubnetsFunc = function.New(&function.Spec{
	Params:   []function.Parameter{{Name: "prefix", Type: cty.String}},
	VarParam: &function.Parameter{Name: "newbits", Type: cty.Number},
	Type:     function.StaticReturnType(cty.List(cty.String)),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		base, err := parsePrefix(args[0].AsString())
		if err != nil {
			return cty.NilVal, err
		}
		if len(args) == 1 {
			return cty.ListValEmpty(cty.String), nil
		}
		total := base.Addr().BitLen()
		// Allocate consecutively, aligning each to its own size.
		next := addrInt(base.Addr())
		end := new(big.Int).Add(addrInt(base.Addr()), new(big.Int).Lsh(big.NewInt(1), uint(total-base.Bits())))
		out := make([]cty.Value, 0, len(args)-1)
		for _, a := range args[1:] {
			nb, err := bigOf(a)
			if err != nil || !nb.IsInt64() || nb.Int64() < 1 || base.Bits()+int(nb.Int64()) > total {
				return cty.NilVal, fmt.Errorf("invalid newbits %s", a.AsBigFloat().String())
			}
			bits := base.Bits() + int(nb.Int64())
			size := new(big.Int).Lsh(big.NewInt(1), uint(total-bits))
			// Round next up to a multiple of size.
			rem := new(big.Int).Mod(next, size)
			if rem.Sign() != 0 {
				next.Add(next, new(big.Int).Sub(size, rem))
			}
			if new(big.Int).Add(next, size).Cmp(end) > 0 {
				return cty.NilVal, errors.New("not enough remaining address space for a subnet")
			}
			addr, ok := intAddr(next, base.Addr().Is4())
			if !ok {
				return cty.NilVal, errors.New("address out of range")
			}
			out = append(out, cty.StringVal(netip.PrefixFrom(addr, bits).String()))
			next = new(big.Int).Add(next, size)
		}
		return cty.ListVal(out), nil
	},
})

var cidrHostFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}, {Name: "hostnum", Type: cty.Number}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		base, err := parsePrefix(args[0].AsString())
		if err != nil {
			return cty.NilVal, err
		}
		num, err := bigOf(args[1])
		if err != nil {
			return cty.NilVal, err
		}
		hostBits := base.Addr().BitLen() - base.Bits()
		size := new(big.Int).Lsh(big.NewInt(1), uint(hostBits))
		if num.Sign() < 0 {
			num = new(big.Int).Add(size, num)
		}
		if num.Sign() < 0 || num.Cmp(size) >= 0 {
			return cty.NilVal, fmt.Errorf("prefix of %d does not accommodate a host numbered %s", base.Bits(), args[1].AsBigFloat().String())
		}
		n := new(big.Int).Add(addrInt(base.Addr()), num)
		a, ok := intAddr(n, base.Addr().Is4())
		if !ok {
			return cty.NilVal, errors.New("address out of range")
		}
		return cty.StringVal(a.String()), nil
	},
})

var cidrNetmaskFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "prefix", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		base, err := parsePrefix(args[0].AsString())
		if err != nil {
			return cty.NilVal, err
		}
		if !base.Addr().Is4() {
			return cty.NilVal, errors.New("only IPv4 prefixes have a netmask")
		}
		m := ^uint32(0) << (32 - base.Bits())
		if base.Bits() == 0 {
			m = 0
		}
		a := netip.AddrFrom4([4]byte{byte(m >> 24), byte(m >> 16), byte(m >> 8), byte(m)})
		return cty.StringVal(a.String()), nil
	},
})
