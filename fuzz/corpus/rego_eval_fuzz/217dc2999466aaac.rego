package generated

p contains x if {
	x = "a"
	{x: 1} = {"a": 1}
}
