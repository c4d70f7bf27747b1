package generated

p := x if {
	intersection({set(), {1, 2}}, x)
}
