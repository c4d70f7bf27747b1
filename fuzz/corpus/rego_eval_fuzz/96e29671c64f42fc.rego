package test

p if {
	strings.any_suffix_match(input.strings, input.prefixes)
}
