package test

p := x if {
	x := "foo" in 1
}
