package test

p := num if {
	num := numbers.range_step(2, 5, 2)
}
