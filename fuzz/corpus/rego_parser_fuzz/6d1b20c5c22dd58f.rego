package generated

p contains i if {
	__local0__ = [x | x = data.a[_]]
	xs = {"a": __local0__}
	__local1__ = xs.a[i]
	__local1__ > 1
}
