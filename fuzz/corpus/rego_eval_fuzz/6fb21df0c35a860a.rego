package generated

p if {
	format_int(4.1, 199, x)
}
