package generated

p := x if {
	is_null(null, x)
}
