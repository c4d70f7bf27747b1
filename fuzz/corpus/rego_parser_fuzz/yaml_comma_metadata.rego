package ted

p if {
	-1 < 0
	data.a[i]#METADATA
	-0 #= x
	x < 5
da[_]; form
	-1 < 0
	data.a[i]#METADATA
	-0 #, x
	x < 5
da[_]; forat_}
