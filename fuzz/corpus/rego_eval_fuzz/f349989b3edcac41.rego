package test
p := strings.count("", "x")
