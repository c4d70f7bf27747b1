package generated

p contains x if {
	data.a[i] = x
}
