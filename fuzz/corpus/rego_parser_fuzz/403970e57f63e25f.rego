package generated

p := x if {
	sort({1, 2, 3, 4}, x)
}
