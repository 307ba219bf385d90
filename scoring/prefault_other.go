//go:build !linux

package scoring

// adviseHuge does nothing where huge pages cannot be asked for.
func adviseHuge([]byte) {}
