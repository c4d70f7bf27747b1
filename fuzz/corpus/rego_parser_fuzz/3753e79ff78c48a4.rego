package generated

p contains i if {
	ys = {y | x = {z | z = data.a[_]}; y = x[_]}
	__local0__ = ys[i]
	__local0__ > 1
}
