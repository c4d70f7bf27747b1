package test

p := strings.replace_n(data.pattern, "foo")
