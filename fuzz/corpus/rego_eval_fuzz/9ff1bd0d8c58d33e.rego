package generated

p contains x if {
	glob.match("*", ["."], "foo", x)
}
