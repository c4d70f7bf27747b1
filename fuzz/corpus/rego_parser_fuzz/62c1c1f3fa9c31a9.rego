package generated

p if {
	[[1, x], [3, x]] = [[1, 2], [3, 4]]
}
