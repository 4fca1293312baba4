package terraform

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// baseFunctions are Terraform's built-in functions that do not read files:
// go-cty's function library where Terraform uses it, and the functions
// Terraform defines itself (length of strings, lookup with an optional
// default, index as a search, replace with /regex/, coalesce skipping
// empty strings, the CIDR, encoding and hash functions). Functions whose
// result Terraform only knows at apply (timestamp, uuid, bcrypt) return
// unknown values.
var baseFunctions = map[string]function.Function{
	"abs":              stdlib.AbsoluteFunc,
	"alltrue":          allTrueFunc,
	"anytrue":          anyTrueFunc,
	"base64decode":     base64DecodeFunc,
	"base64encode":     base64EncodeFunc,
	"base64sha256":     hashFunc(sha256.New, true),
	"base64sha512":     hashFunc(sha512.New, true),
	"can":              tryfunc.CanFunc,
	"ceil":             stdlib.CeilFunc,
	"chomp":            stdlib.ChompFunc,
	"chunklist":        stdlib.ChunklistFunc,
	"cidrhost":         cidrHostFunc,
	"cidrnetmask":      cidrNetmaskFunc,
	"cidrsubnet":       cidrSubnetFunc,
	"cidrsubnets":      cidrSubnetsFunc,
	"coalesce":         coalesceFunc,
	"coalescelist":     stdlib.CoalesceListFunc,
	"compact":          stdlib.CompactFunc,
	"concat":           stdlib.ConcatFunc,
	"contains":         stdlib.ContainsFunc,
	"csvdecode":        stdlib.CSVDecodeFunc,
	"distinct":         stdlib.DistinctFunc,
	"element":          stdlib.ElementFunc,
	"endswith":         stringPredicate(strings.HasSuffix),
	"flatten":          stdlib.FlattenFunc,
	"floor":            stdlib.FloorFunc,
	"format":           stdlib.FormatFunc,
	"formatdate":       stdlib.FormatDateFunc,
	"formatlist":       stdlib.FormatListFunc,
	"indent":           stdlib.IndentFunc,
	"index":            indexFunc,
	"join":             stdlib.JoinFunc,
	"jsondecode":       stdlib.JSONDecodeFunc,
	"jsonencode":       stdlib.JSONEncodeFunc,
	"keys":             stdlib.KeysFunc,
	"length":           lengthFunc,
	"log":              stdlib.LogFunc,
	"lookup":           lookupFunc,
	"lower":            stdlib.LowerFunc,
	"matchkeys":        matchKeysFunc,
	"max":              stdlib.MaxFunc,
	"md5":              hashFunc(md5.New, false),
	"merge":            stdlib.MergeFunc,
	"min":              stdlib.MinFunc,
	"nonsensitive":     identityFunc,
	"one":              oneFunc,
	"parseint":         stdlib.ParseIntFunc,
	"plantimestamp":    unknownFunc(cty.String),
	"pow":              stdlib.PowFunc,
	"range":            stdlib.RangeFunc,
	"regex":            stdlib.RegexFunc,
	"regexall":         stdlib.RegexAllFunc,
	"replace":          replaceFunc,
	"reverse":          stdlib.ReverseListFunc,
	"sensitive":        identityFunc,
	"setintersection":  stdlib.SetIntersectionFunc,
	"setproduct":       stdlib.SetProductFunc,
	"setsubtract":      stdlib.SetSubtractFunc,
	"setunion":         stdlib.SetUnionFunc,
	"sha1":             hashFunc(sha1.New, false),
	"sha256":           hashFunc(sha256.New, false),
	"sha512":           hashFunc(sha512.New, false),
	"signum":           stdlib.SignumFunc,
	"slice":            stdlib.SliceFunc,
	"sort":             stdlib.SortFunc,
	"split":            stdlib.SplitFunc,
	"startswith":       stringPredicate(strings.HasPrefix),
	"strcontains":      stringPredicate(strings.Contains),
	"strrev":           stdlib.ReverseFunc,
	"substr":           stdlib.SubstrFunc,
	"sum":              sumFunc,
	"timeadd":          stdlib.TimeAddFunc,
	"timestamp":        unknownFunc(cty.String),
	"title":            stdlib.TitleFunc,
	"tobool":           stdlib.MakeToFunc(cty.Bool),
	"tolist":           stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
	"tomap":            stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
	"tonumber":         stdlib.MakeToFunc(cty.Number),
	"toset":            stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)),
	"tostring":         stdlib.MakeToFunc(cty.String),
	"transpose":        transposeFunc,
	"trim":             stdlib.TrimFunc,
	"trimprefix":       stdlib.TrimPrefixFunc,
	"trimspace":        stdlib.TrimSpaceFunc,
	"trimsuffix":       stdlib.TrimSuffixFunc,
	"try":              tryfunc.TryFunc,
	"upper":            stdlib.UpperFunc,
	"urlencode":        urlEncodeFunc,
	"uuid":             unknownFunc(cty.String),
	"uuidv5":           unknownFunc(cty.String),
	"bcrypt":           unknownFunc(cty.String),
	"values":           stdlib.ValuesFunc,
	"yamldecode":       yamlDecodeFunc,
	"yamlencode":       yamlEncodeFunc,
	"zipmap":           stdlib.ZipmapFunc,
	"issensitive":      function.New(&function.Spec{Params: []function.Parameter{{Name: "v", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true}}, Type: function.StaticReturnType(cty.Bool), Impl: func([]cty.Value, cty.Type) (cty.Value, error) { return cty.False, nil }}),
	"ephemeralasnull":  identityFunc,
	"textencodebase64": unknownFunc(cty.String),
	"textdecodebase64": unknownFunc(cty.String),
}

// unknownResultFuncs are the functions whose result is known only when
// Terraform applies the configuration.
var unknownResultFuncs = map[string]bool{
	"timestamp": true, "plantimestamp": true, "uuid": true, "uuidv5": true, "bcrypt": true,
	"textencodebase64": true, "textdecodebase64": true,
}

// unknownFuncReason names the first call in expr of a function whose result
// is known only at apply.
func unknownFuncReason(expr hcl.Expression) string {
	se, ok := expr.(hclsyntax.Expression)
	if !ok {
		return "not known before apply"
	}
	reason := ""
	hclsyntax.VisitAll(se, func(n hclsyntax.Node) hcl.Diagnostics {
		if c, ok := n.(*hclsyntax.FunctionCallExpr); ok && reason == "" && unknownResultFuncs[c.Name] {
			reason = c.Name + "() is known only after apply"
		}
		return nil
	})
	if reason == "" {
		return "not known before apply"
	}
	return reason
}

func unknownFunc(ret cty.Type) function.Function {
	return function.New(&function.Spec{
		VarParam: &function.Parameter{Name: "args", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true},
		Type:     function.StaticReturnType(ret),
		Impl: func([]cty.Value, cty.Type) (cty.Value, error) {
			return cty.UnknownVal(ret), nil
		},
	})
}

var identityFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true}},
	Type:   func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
	Impl:   func(args []cty.Value, _ cty.Type) (cty.Value, error) { return args[0], nil },
})
