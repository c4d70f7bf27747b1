package generated

p := x if {
	trim("...foo.bar", ".", x)
}
