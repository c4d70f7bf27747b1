package generated

p := r if {
	r = {x: y | z = {i: q | i = data.b[q]}; x = z[y]}
}
