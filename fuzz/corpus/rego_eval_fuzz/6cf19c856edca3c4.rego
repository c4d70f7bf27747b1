package generated

p contains r if {
	data.generated.q[i][j] = 2
	r = [i, j]
}

q := [[1, 2], [3, 2]]
