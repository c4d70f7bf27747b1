package generated

p contains x if {
	glob.match("[a-c]at", [], "fat", x)
}
