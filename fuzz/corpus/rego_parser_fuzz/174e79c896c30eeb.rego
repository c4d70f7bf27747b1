package ex

composite contains x if {
	input.foo[_] = x
	x > 2
}
