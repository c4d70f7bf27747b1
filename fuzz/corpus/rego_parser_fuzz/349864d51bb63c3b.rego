package generated

p := x if {
	type_name(null, x)
}
