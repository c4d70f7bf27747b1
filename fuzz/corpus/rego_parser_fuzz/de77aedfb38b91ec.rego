package generated

p contains x if {
	y = 1
	x = [y | y = 1]
}
