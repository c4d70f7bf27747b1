package test
p := regex.replace("foo", "[", "$1")
