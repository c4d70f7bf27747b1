package foo

p if {
	q[i][j] = v # this fails!
}

q contains x if {
	x = r
}

r contains x if {
	x = [1]
}
