package test

default p := 1

p := 2 if {
	every v in q { v > 1 }
}

q := 1
