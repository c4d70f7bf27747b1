package generated

p if {
	to_number("broken", x)
}
