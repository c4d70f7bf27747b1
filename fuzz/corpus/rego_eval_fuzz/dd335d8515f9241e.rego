package generated

p if {
	data.ex.setl[1] with data.foo as {1}
}
