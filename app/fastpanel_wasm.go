//go:build js && wasm

package app

// domTextNode is the DOM's nodeType of a text node (Node.TEXT_NODE).
const domTextNode = 3

// domText writes into the page's DOM.
type domText struct{}

// setText implements textWriter with the DOM: getElementById, then the
// element's firstChild when it is a text node with no sibling.
func (domText) setText(id, text string) bool {
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
