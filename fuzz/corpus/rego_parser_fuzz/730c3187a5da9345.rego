package generated

p contains y if {
	x = 3
	[1, 2, x] = y
}
