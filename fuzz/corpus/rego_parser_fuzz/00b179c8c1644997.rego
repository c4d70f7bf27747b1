package generated

p := x if {
	is_null(true, x)
}
