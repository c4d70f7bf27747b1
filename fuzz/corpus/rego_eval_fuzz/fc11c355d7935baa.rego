package test.omit_result

f(__local74__) := __local74__

p if {
	data.test.omit_result.f(1)
}
