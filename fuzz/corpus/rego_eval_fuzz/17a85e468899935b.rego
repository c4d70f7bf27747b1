package generated

p contains x if {
	data.ex.composite[x] with input.foo as [1, 2, 3, 4]
}
