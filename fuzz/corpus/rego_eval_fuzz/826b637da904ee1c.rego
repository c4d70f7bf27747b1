package generated

p := x if {
	product({1, 2, 3, 4}, x)
}
