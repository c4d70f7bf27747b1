package generated

p if {
	v = {[1, 999], [3, 4]}
	__local0__ = data.a[2]
	pair = [__local0__, 4]
	v[pair]
}
