// Package fakesecret makes credential-shaped strings for tests: the right prefix, length and
// alphabet for each provider, random but reproducible, and never real. Tests assemble their
// examples with it so that no secret-shaped literal sits in the repository.
package fakesecret

import "hash/fnv"

// Alphabets.
const (
	Upper   = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	Lower   = "abcdefghijklmnopqrstuvwxyz"
	Digits  = "0123456789"
	Alnum   = Upper + Lower + Digits
	URLSafe = Alnum + "_-"
	Base32  = Upper + "234567"
)

// Random returns n characters of alphabet, the same for the same seed.
func Random(seed, alphabet string, n int) string {
	h := fnv.New64a()
	h.Write([]byte(seed))
	x := h.Sum64() | 1
	b := make([]byte, n)
	for i := range b {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		b[i] = alphabet[x%uint64(len(alphabet))]
	}
	return string(b)
}

// Make returns a credential of the given kind (a secretPattern id, or "generic",
// "password"): the right shape, random, not real.
func Make(kind string) string {
	r := func(alphabet string, n int) string { return Random(kind, alphabet, n) }
	switch kind {
	case "anthropic-api-key":
		return "sk-ant-api03-" + r(URLSafe, 93) + "AA"
	case "anthropic-admin-api-key":
		return "sk-ant-admin01-" + r(URLSafe, 93) + "AA"
	case "openai-api-key":
		return "sk-proj-" + r(URLSafe, 74) + "T3Blbk" + "FJ" + Random(kind+"2", URLSafe, 74)
	case "openai-svcacct":
		return "sk-svcacct-" + r(URLSafe, 58) + "T3Blbk" + "FJ" + Random(kind+"2", URLSafe, 58)
	case "gcp-api-key":
		return "AIza" + r(URLSafe, 35)
	case "aws-access-token":
		return "AKIA" + r(Base32, 16)
	case "aws-sts":
		return "ASIA" + r(Base32, 16)
	case "github-pat":
		return "ghp_" + r(Alnum, 36)
	case "github-fine-grained-pat":
		return "github_pat_" + r(Alnum+"_", 82)
	case "github-oauth":
		return "gho_" + r(Alnum, 36)
	case "github-app-token":
		return "ghs_" + r(Alnum, 36)
	case "gitlab-pat":
		return "glpat-" + r(URLSafe, 20)
	case "slack-bot-token":
		return "xoxb-" + r(Digits, 12) + "-" + Random(kind+"2", Digits, 13) + "-" + r(Alnum, 24)
	case "slack-user-token":
		return "xoxp-" + r(Digits, 12) + "-" + Random(kind+"2", Digits, 12) + "-" + Random(kind+"3", Digits, 13) + "-" + r(Lower+Digits, 32)
	case "huggingface-access-token":
		return "hf_" + r(Upper+Lower, 34)
	case "stripe-access-token":
		return "sk_" + "live_" + r(Alnum, 24)
	case "groq-api-key":
		return "gsk_" + r(Alnum, 52)
	case "xai-api-key":
		return "xai-" + r(Alnum, 80)
	case "perplexity-api-key":
		return "pplx-" + r(Alnum, 48)
	case "telegram-bot-api-token":
		return r(Digits, 10) + ":AA" + r(URLSafe, 33)
	case "generic":
		return r(Lower+Digits, 40)
	case "password":
		return r(Alnum, 10) + "#!"
	}
	panic("fakesecret.Make: unknown kind " + kind)
}
