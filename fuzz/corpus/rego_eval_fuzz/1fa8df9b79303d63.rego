package generated

p := x if {
	x := data.ex.loopback with input.foo as "x" with input.foo.bar as "y"
}
