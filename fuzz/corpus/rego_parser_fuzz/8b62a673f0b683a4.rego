package test

p := num if {
	num := numbers.range_step(0, 10, -2)
}
