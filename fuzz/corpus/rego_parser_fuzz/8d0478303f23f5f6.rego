package generated

p contains x if {
	__local0__ = data.a[0]
	__local1__ = data.a[1]
	__local2__ = data.a[2]
	__local3__ = data.a[3]
	[1, 2, 3, x] = [__local0__, __local1__, __local2__, __local3__]
}
