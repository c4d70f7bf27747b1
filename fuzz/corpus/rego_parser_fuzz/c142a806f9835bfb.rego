package test

p if {
	count([1, 2, 3]) == 1 with count as [1 | true][0]
}
