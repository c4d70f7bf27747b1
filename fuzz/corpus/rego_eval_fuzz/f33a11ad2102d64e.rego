package generated

fn(__local0__) := [__local0__]

p contains x if {
	__local2__ = [y | data.generated.fn(1, __local1__); y = __local1__]
	x = __local2__[_][_]
}
