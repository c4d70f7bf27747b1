package test

x := object.union_n([{"foo": "bar"}, {"x": "y"}])
