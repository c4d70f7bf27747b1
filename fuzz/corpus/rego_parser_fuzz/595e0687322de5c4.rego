package generated

p contains y if {
	i = [1, 2, 3, 4]
	x = data.a[_]
	i[x] = y
}
