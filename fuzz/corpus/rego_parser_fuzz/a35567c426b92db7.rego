package generated

p contains x if {
	x = 1
	data.generated.q[x]
}

q contains y if {
	data.a[y] = i
}
