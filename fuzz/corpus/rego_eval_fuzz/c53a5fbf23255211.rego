package test

p if {
	every v in [1 / 2, 3, 4 + 5] { v < 10 }
}
