package topdown_test_partial

__result__ := _result if {
	data.partial.topdown.p = _result
}
