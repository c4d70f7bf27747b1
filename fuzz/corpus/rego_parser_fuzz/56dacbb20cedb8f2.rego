package generated

p contains z if {
	data.generated.q[x] = y
	z = [x, y]
}

q[k] := v if {
	x = "a"
	y = "b"
	k = "foo"
	v = [x, y]
}
