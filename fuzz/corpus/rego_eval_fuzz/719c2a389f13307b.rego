package generated

p if {
	[1, x, x] = [1, 2, 3]
}
