package generated

p := y if {
	x = [1]
	data.generated.q[x][0] = y
}

q contains [x] if {
	data.a[_] = x
}
