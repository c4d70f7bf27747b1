package test

x := object.union_n([{"foo": "bar"}, {"foo": "baz"}])
