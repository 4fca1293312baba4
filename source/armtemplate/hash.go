package armtemplate

import (
	"crypto/sha1"
	"encoding/binary"
	"fmt"
	"math/bits"
	"strings"
)

// uniqueString computes ARM's uniqueString(): the arguments joined with "-",
// hashed with the 64-bit MurmurHash variant ARM uses, and written as 13
// base-32 characters. Matching ARM exactly means that, given the real
// subscription and resource group, names built with it match the deployed
// resources.
func uniqueString(args ...string) string {
	h := murmur64([]byte(strings.Join(args, "-")))
	const alphabet = "abcdefghijklmnopqrstuvwxyz234567"
	var out [13]byte
	for i := range out {
		out[i] = alphabet[h>>59]
		h <<= 5
	}
	return string(out[:])
}

func murmur64(data []byte) uint64 {
	const (
		c1 = 0xab0e9789
		c2 = 0x239b961b
		c3 = 0x85ebca6b
		c4 = 0xc2b2ae35
	)
	var h1, h2 uint32
	n := len(data)
	i := 0
	for ; i+8 <= n; i += 8 {
		k1 := binary.LittleEndian.Uint32(data[i:])
		k2 := binary.LittleEndian.Uint32(data[i+4:])
		k1 = bits.RotateLeft32(k1*c2, 15) * c1
		k2 = bits.RotateLeft32(k2*c1, 17) * c2
		h1 = (bits.RotateLeft32(h1^k1, 19)+h2)*5 + 0x561ccd1b
		h2 = (bits.RotateLeft32(h2^k2, 13)+h1)*5 + 0x0bcaa747
	}
	if rem := n - i; rem > 0 {
		var tail [8]byte
		copy(tail[:], data[i:])
		k1 := binary.LittleEndian.Uint32(tail[:])
		h1 ^= bits.RotateLeft32(k1*c2, 15) * c1
		if rem > 4 {
			k2 := binary.LittleEndian.Uint32(tail[4:])
			h2 ^= bits.RotateLeft32(k2*c1, 17) * c2
		}
	}
	h2 ^= uint32(n)
	h1 = (h1 ^ uint32(n)) + h2
	h2 += h1
	fmix := func(h uint32) uint32 {
		h = (h ^ h>>16) * c3
		h = (h ^ h>>13) * c4
		return h ^ h>>16
	}
	h1, h2 = fmix(h1), fmix(h2)
	h1 += h2
	h2 += h1
	return uint64(h2)<<32 | uint64(h1)
}

// guidNamespace is the namespace ARM's guid() hashes its arguments under.
var guidNamespace = [16]byte{0x11, 0xfb, 0x06, 0xfb, 0x71, 0x2d, 0x4d, 0xdd, 0x98, 0xc7, 0xe7, 0x1b, 0xbd, 0x58, 0x88, 0x30}

// templateGUID computes ARM's guid(): a version 5 UUID of the arguments
// joined with "-" in ARM's namespace.
func templateGUID(args ...string) string {
	h := sha1.New()
	h.Write(guidNamespace[:])
	h.Write([]byte(strings.Join(args, "-")))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}
