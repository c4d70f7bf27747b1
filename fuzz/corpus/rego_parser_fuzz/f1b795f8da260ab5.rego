package test

p := x if {
	x := json.marshal_with_options({"foo": "bar", "bar": "baz"}, {"prefix": "JSON => "})
}
