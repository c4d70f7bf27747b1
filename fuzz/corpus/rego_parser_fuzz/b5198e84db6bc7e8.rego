package test.omit_result

f(__local258__) := __local258__

p if {
	data.test.omit_result.f(1)
}
