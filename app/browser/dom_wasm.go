//go:build js && wasm

package browser

import (
	"strconv"
	"strings"

	"github.com/hack-pad/safejs"
)

// document is the page's document, looked up once.
var document, _ = safejs.Global().Get("document")

// elementByID returns the page's element with id, if there is one.
func elementByID(id string) (safejs.Value, bool) {
	el, err := document.Call("getElementById", id)
	if err != nil {
		return safejs.Value{}, false
	}
	ok, _ := el.Truthy()
	return el, ok
}

// domTextNode is the DOM's nodeType of a text node (Node.TEXT_NODE).
const domTextNode = 3

// SetText writes text into the element with id, in place: getElementById, then the
// element's firstChild when it is a text node with no sibling.
func SetText(id, text string) bool {
	el, ok := elementByID(id)
	if !ok {
		return false
	}
	n, err := el.Get("firstChild")
	if err != nil {
		return false
	}
	if ok, _ := n.Truthy(); !ok {
		return false
	}
	if kind, err := n.Get("nodeType"); err != nil {
		return false
	} else if k, _ := kind.Int(); k != domTextNode {
		return false
	}
	if next, err := n.Get("nextSibling"); err != nil {
		return false
	} else if ok, _ := next.Truthy(); ok {
		return false
	}
	if cur, err := n.Get("nodeValue"); err != nil {
		return false
	} else if s, _ := cur.String(); s == text {
		return false
	}
	return n.Set("nodeValue", text) == nil
}

// ReadForm reads the pre-rendered rating form whose ids start with
// prefix: the instrument select's value, the patient label and the ids of
// the checked radio buttons. On a page without the form it returns nothing.
func ReadForm(prefix string) (instrument, patient string, checked []string) {
	value := func(id string) string {
		el, ok := elementByID(id)
		if !ok {
			return ""
		}
		v, err := el.Get("value")
		if err != nil {
			return ""
		}
		s, _ := v.String()
		return s
	}
	instrument, patient = value(prefix+"-instrument"), value(prefix+"-patient")
	list, err := document.Call("querySelectorAll", "input[type=radio]:checked")
	if err != nil {
		return instrument, patient, nil
	}
	n, _ := list.Get("length")
	count, _ := n.Int()
	for i := 0; i < count; i++ {
		el, err := list.Call("item", i)
		if err != nil {
			continue
		}
		id, err := el.Get("id")
		if err != nil {
			continue
		}
		if s, _ := id.String(); s != "" {
			checked = append(checked, s)
		}
	}
	return instrument, patient, checked
}

// ContentWidth returns the width in CSS pixels of the content box of the
// element with the given id (its client width less its padding), or 0
// when there is no such element.
func ContentWidth(id string) float64 {
	el, ok := elementByID(id)
	if !ok {
		return 0
	}
	cw, err := el.Get("clientWidth")
	if err != nil {
		return 0
	}
	w, err := cw.Float()
	if err != nil {
		return 0
	}
	style, err := safejs.Global().Call("getComputedStyle", el)
	if err != nil {
		return w
	}
	for _, side := range []string{"paddingLeft", "paddingRight"} {
		v, err := style.Get(side)
		if err != nil {
			continue
		}
		s, err := v.String()
		if err != nil {
			continue
		}
		// fmt's %g would read the "p" of "16px" as part of the number.
		if px, err := strconv.ParseFloat(strings.TrimSuffix(s, "px"), 64); err == nil {
			w -= px
		}
	}
	return w
}

// EarlySaveRequested reports whether the pre-rendered button with id was
// pressed before the program started: web/early.js marks it with
// data-save-requested.
func EarlySaveRequested(id string) bool {
	el, ok := elementByID(id)
	if !ok {
		return false
	}
	has, err := el.Call("hasAttribute", "data-save-requested")
	if err != nil {
		return false
	}
	b, _ := has.Bool()
	return b
}
