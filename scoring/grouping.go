package scoring

import (
	"fmt"
	"strings"
)

// Group is a named set of scored items whose ratings are summed, like a
// subscale.
type Group struct {
	// Name is the group's display name, unique within its grouping.
	Name string `json:"name"`
	// Items are item numbers from 1.
	Items []int `json:"items"`
}

// Grouping is a set of groups of one instrument's items: the built-in Wing
// and Gowers subscales, or a trust's own mapping such as the four-factor model
// (Speak, Hay & Muncer 2015). Groupings are data: a custom one is loaded from
// a file and validated, never guessed (project reference, "Groupings").
type Grouping struct {
	// Name is the grouping's display name.
	Name string `json:"name"`
	// Instrument is the instrument whose items are grouped.
	Instrument InstrumentID `json:"instrument"`
	// Groups are the groups in display order.
	Groups []Group `json:"groups"`
}

// Validate checks that the grouping can be scored: a known instrument, a name,
// 1 to MaxGroups groups, unique non-empty group names, each group with at
// least one item, items within the instrument's scored items, and every item
// in at most one group. The error says what to fix.
func (g *Grouping) Validate() error {
	if strings.TrimSpace(g.Name) == "" {
		return fmt.Errorf("the grouping has no name: add \"name\"")
	}
	in, err := LookupInstrument(string(g.Instrument))
	if err != nil {
		return fmt.Errorf("grouping %q: %v", g.Name, err)
	}
	if len(g.Groups) == 0 || len(g.Groups) > MaxGroups {
		return fmt.Errorf("grouping %q has %d groups: give 1 to %d", g.Name, len(g.Groups), MaxGroups)
	}
	names := make(map[string]bool, len(g.Groups))
	var owner [MaxItems + 1]string
	for i, gr := range g.Groups {
		name := strings.TrimSpace(gr.Name)
		if name == "" {
			return fmt.Errorf("group %d of %q has no name", i+1, g.Name)
		}
		key := strings.ToLower(name)
		if names[key] {
			return fmt.Errorf("group name %q is used twice: names must be unique", name)
		}
		names[key] = true
		if len(gr.Items) == 0 {
			return fmt.Errorf("group %q has no items", name)
		}
		for _, it := range gr.Items {
			if it < 1 || it > in.Scored {
				return fmt.Errorf("group %q: item %d is not a scored item of %s (use 1 to %d)", name, it, in.Name, in.Scored)
			}
			if owner[it] != "" {
				return fmt.Errorf("item %d is in both %q and %q: each item may be in at most one group", it, owner[it], name)
			}
			owner[it] = name
		}
	}
	return nil
}
