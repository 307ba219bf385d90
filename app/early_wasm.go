//go:build js && wasm

package app

// readEarlyForm reads the pre-rendered rating form whose ids start with
// prefix: the instrument select's value, the patient label and the ids of
// the checked radio buttons. On a page without the form it returns nothing.
func readEarlyForm(prefix string) (instrument, patient string, checked []string) {
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
	list, err := pageDocument.Call("querySelectorAll", "input[type=radio]:checked")
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
