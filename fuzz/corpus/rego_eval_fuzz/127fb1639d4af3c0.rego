package test

p contains x if {
	walk(data.a[0], [_, x])
}
