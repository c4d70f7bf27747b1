package generated

p contains x if {
	obj = {"a": {"x": 1, "y": {"v": 2}}, "b": {"x": 1, "y": null}, "c": {"x": 2, "y": {"v": 2}}}
	{"x": x, "y": {"v": 2}} = obj[_]
}
