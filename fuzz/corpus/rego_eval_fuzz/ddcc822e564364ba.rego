package generated

p contains i if {
	__local0__ = {s: x | x = data.a[_]; format_int(x, 10, s)}
	xs = [__local0__]
	__local1__ = xs[0][i]
	__local1__ > 1
}
