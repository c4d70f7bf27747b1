package main

doc := {"foo": {"a", "b", "c"}}

patch := [{"op": "add", "path": "foo/d", "value": "d"}]

result := r if r = json.patch(doc, patch)
