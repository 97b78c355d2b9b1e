package model

import (
	"strings"

	"github.com/agnivade/levenshtein"
)

// Suggest returns the candidate closest to word ("did you mean"), or "" when
// none is close enough to be a likely typo.
func Suggest(word string, candidates []string) string {
	best, bestDist := "", 1<<30
	lw := strings.ToLower(word)
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if lc == lw {
			return c
		}
		d := levenshtein.ComputeDistance(lw, lc)
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := len(word)/3 + 1
	if limit > 4 {
		limit = 4
	}
	if bestDist <= limit {
		return best
	}
	return ""
}
