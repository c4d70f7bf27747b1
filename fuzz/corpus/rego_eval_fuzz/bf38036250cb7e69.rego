package topdown.a.b.c.undefined2

p if {
	input.foo
}
