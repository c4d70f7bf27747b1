package generated

p contains x if {
	glob.match("*", null, "foo.bar", x)
}
